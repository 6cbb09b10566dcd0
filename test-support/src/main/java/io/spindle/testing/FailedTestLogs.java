package io.spindle.testing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints the container logs written during a failed test to {@code System.out} (surefire keeps
 * them in {@code target/surefire-reports/*-output.txt}), so the failure report shows what the AM
 * and TaskExecutors said. Stateless; a failure to read the logs is logged, never thrown.
 */
final class FailedTestLogs {

    private static final Logger LOG = LoggerFactory.getLogger(FailedTestLogs.class);

    private FailedTestLogs() {
    }

    /** Prints every container log file modified since a second before {@code testStarted}. */
    static void print(MiniYARNCluster cluster, String testName, Instant testStarted) {
        Instant since = (testStarted == null ? Instant.EPOCH : testStarted).minusSeconds(1);
        try {
            List<Path> files = ContainerLogs.files(cluster, since);
            PrintStream out = System.out;
            out.println("===== " + testName + " failed; container logs written during it: " + files.size()
                    + " files =====");
            ContainerLogs.dump(files, out, ContainerLogs.DEFAULT_TAIL_BYTES);
        } catch (RuntimeException e) {
            LOG.warn("Could not dump container logs", e);
        }
    }
}
