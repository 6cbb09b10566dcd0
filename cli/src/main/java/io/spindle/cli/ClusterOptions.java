package io.spindle.cli;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.security.ClusterSecretFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options that say which cluster {@code spindle run}, {@code list} and {@code cancel} talk to:
 * {@code -t TARGET}, {@code -m HOST:PORT} and {@code --leader-wait SECONDS}. Add with {@code @Mixin ClusterOptions cluster;}.
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

    @Option(names = "--leader-wait", paramLabel = "SECONDS",
            description = "When the leader published in ZooKeeper refuses connections (it just died), how long to"
                    + " wait for the next one. Default: the ZooKeeper session timeout plus 10 s; 0 does not wait.")
    Long leaderWaitSeconds;

    /** What the leader wait adds to the ZooKeeper session timeout by default. */
    static final Duration LEADER_WAIT_MARGIN = Duration.ofSeconds(10);

    /**
     * @param conf the effective configuration
     * @param confDir the configuration directory: a standalone cluster's secret is its
     *     {@code cluster-secret} unless {@code security.cluster.secret-file} names another file
     * @return the locator of the chosen target
     */
    ClusterLocator locator(Configuration conf, Path confDir) {
        return switch (target) {
            case STANDALONE -> new StandaloneClusterLocator(ClusterSecretFile.withDefaultFile(conf, confDir), jobManager);
            case YARN_SESSION -> new YarnApplicationLocator(conf, true);
            case YARN_PER_JOB -> new YarnApplicationLocator(conf, false);
        };
    }


    /**
     * @param confDir the configuration directory (see {@link #locator})
     * @param err receives the progress line of a wait for the next leader
     * @return a connection to the leader of the chosen cluster; it looks the leader up on first use
     * @throws IllegalArgumentException if {@code --leader-wait} is negative
     */
    JobManagerConnection connect(Configuration conf, Path confDir, PrintWriter err) {
        return new JobManagerConnection(locator(conf, confDir), leaderWait(conf), err);
    }

    private Duration leaderWait(Configuration conf) {
        if (leaderWaitSeconds == null) {
            return conf.get(HighAvailabilityOptions.ZOOKEEPER_SESSION_TIMEOUT).plus(LEADER_WAIT_MARGIN);
        }
        if (leaderWaitSeconds < 0) {
            throw new IllegalArgumentException("--leader-wait must not be negative, got " + leaderWaitSeconds);
        }
        return Duration.ofSeconds(leaderWaitSeconds);
    }
}
