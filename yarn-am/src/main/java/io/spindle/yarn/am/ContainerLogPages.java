package io.spindle.yarn.am;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.Container;

/**
 * The NodeManager web page that lists a container's log files:
 * {@code http://<node http address>/node/containerlogs/<container id>/<user>}, the page the
 * ResourceManager's UI links to. While the application runs the NodeManager serves the local
 * files; after it ends, with log aggregation on, it redirects to the aggregated logs. Stateless.
 */
final class ContainerLogPages {

    private ContainerLogPages() {}

    /**
     * @return the log page of {@code container}, run as the current user
     * @throws UncheckedIOException if the current user cannot be determined
     */
    static String of(Container container) {
        try {
            return of(container.getNodeHttpAddress(), container.getId().toString(),
                    UserGroupInformation.getCurrentUser().getShortUserName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String of(String nodeHttpAddress, String containerId, String user) {
        return "http://" + nodeHttpAddress + "/node/containerlogs/" + containerId + "/" + user;
    }
}
