package io.spindle.yarn.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.logaggregation.ContainerLogFileInfo;
import org.apache.hadoop.yarn.logaggregation.ContainerLogMeta;
import org.apache.hadoop.yarn.logaggregation.ContainerLogsRequest;
import org.apache.hadoop.yarn.logaggregation.filecontroller.LogAggregationFileController;
import org.apache.hadoop.yarn.logaggregation.filecontroller.LogAggregationFileControllerFactory;

/**
 * The aggregated logs of a finished application, read the way {@code yarn logs -applicationId}
 * reads them: through YARN's log aggregation file controller on the remote app log dir. Stateless.
 */
final class AggregatedLogs {

    private AggregatedLogs() {}

    /**
     * @return by container id, by file name, what the file holds (as YARN prints it, with its header)
     * @throws IOException if the aggregated logs cannot be read (none yet, among others)
     */
    static Map<String, Map<String, String>> read(Configuration conf, ApplicationId app, String owner)
            throws IOException {
        LogAggregationFileController controller = new LogAggregationFileControllerFactory(conf)
                .getFileControllerForRead(app, owner);
        Map<String, Map<String, String>> logs = new TreeMap<>();
        for (ContainerLogMeta container : controller.readAggregatedLogsMeta(request(app, owner, null, Set.of()))) {
            Map<String, String> files = new LinkedHashMap<>();
            for (ContainerLogFileInfo file : container.getContainerLogMeta()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                controller.readAggregatedLogs(request(app, owner, container.getContainerId(),
                        Set.of(file.getFileName())), out);
                files.put(file.getFileName(), out.toString(StandardCharsets.UTF_8));
            }
            logs.merge(container.getContainerId(), files, (a, b) -> {
                a.putAll(b);
                return a;
            });
        }
        return logs;
    }

    private static ContainerLogsRequest request(ApplicationId app, String owner, String containerId, Set<String> files) {
        return new ContainerLogsRequest(app, null, true, owner, null, null, containerId, null, files, Long.MAX_VALUE,
                null);
    }
}
