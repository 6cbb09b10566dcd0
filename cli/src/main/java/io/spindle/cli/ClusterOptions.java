package io.spindle.cli;

import io.spindle.configuration.Configuration;
import picocli.CommandLine.Option;

/**
 * The options that say which cluster {@code spindle run}, {@code list} and {@code cancel} talk to:
 * {@code -t TARGET} and {@code -m HOST:PORT}. Add with {@code @Mixin ClusterOptions cluster;}.
 *
 * <p>Not thread-safe: picocli fills it in for one invocation.
 */
public final class ClusterOptions {

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", defaultValue = "standalone",
            converter = DeploymentTarget.Converter.class, completionCandidates = DeploymentTarget.Names.class,
            description = "Where the cluster runs: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DeploymentTarget target = DeploymentTarget.STANDALONE;

    @Option(names = {"-m", "--jobmanager"}, paramLabel = "HOST:PORT",
            description = "The JobManager's REST address. Default: rest.address and rest.port, else the leader"
                    + " published in ZooKeeper (high-availability.zookeeper.quorum, cluster-id).")
    String jobManager;

    /**
     * @param conf the effective configuration
     * @return the locator of the chosen target
     */
    ClusterLocator locator(Configuration conf) {
        return switch (target) {
            case STANDALONE -> new StandaloneClusterLocator(conf, jobManager);
            case YARN_SESSION -> new YarnApplicationLocator(conf, true);
            case YARN_PER_JOB -> new YarnApplicationLocator(conf, false);
        };
    }


    /** @return a connection to the leader of the chosen cluster; it looks the leader up on first use */
    JobManagerConnection connect(Configuration conf) {
        return new JobManagerConnection(locator(conf));
    }
}
