package io.spindle.runtime.entrypoint;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.ha.HaServices;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.zookeeper.ZooKeeperHaServices;
import io.spindle.runtime.jobmanager.ClusterTermination;
import io.spindle.runtime.jobmanager.ResourceDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The standalone JobManager daemon ({@code bin/jobmanager.sh}): joins the election of the
 * configured cluster and runs until killed, or until a user shuts the cluster down (then it
 * removes the cluster's HA data and exits 0).
 */
@Command(name = "jobmanager", mixinStandardHelpOptions = true,
        description = "Runs a standalone JobManager that takes part in the leader election.")
public final class StandaloneJobManagerEntrypoint implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneJobManagerEntrypoint.class);

    @Mixin
    private DaemonConfigurationOptions configuration;

    @Option(names = "--host", paramLabel = "HOST", description = "The host name to bind and announce.")
    private String host;

    @Option(names = "--webui-port", paramLabel = "PORT", description = "The REST/web port (overrides rest.port).")
    private Integer webUiPort;

    /** Entry point. */
    public static void main(String[] args) {
        StandaloneJobManagerEntrypoint entrypoint = new StandaloneJobManagerEntrypoint();
        CommandLine commandLine = new CommandLine(entrypoint);
        int parsed = commandLine.execute(args);
        System.exit(parsed);
    }

    @Override
    public Integer call() {
        return DaemonMain.run("The JobManager", this::runJobManager, System.err);
    }

    private int runJobManager() throws Exception {
        Configuration conf = configuration.load();
        org.apache.hadoop.conf.Configuration hadoopConf = new org.apache.hadoop.conf.Configuration();
        String announced = host != null ? host : conf.getOptional(JobManagerOptions.RPC_ADDRESS).orElseGet(HostNames::localHostName);
        int restPort = webUiPort != null ? webUiPort : conf.get(JobManagerOptions.REST_PORT);
        String participantId = announced + ":" + restPort + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path workDir = Files.createTempDirectory("spindle-jobmanager-");
        JobManagerProcess process = JobManagerProcess.start(new JobManagerProcess.Settings(conf, hadoopConf,
                participantId, "standalone", ParticipantFinishedPredicate.NEVER, ResourceDriver.STANDALONE, announced,
                restPort, null, workDir));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.close();
            DaemonMain.deleteWorkDir(workDir);
        }, "jobmanager-shutdown"));
        ClusterTermination termination = process.termination().join();
        LOG.info("Cluster ended: {} ({})", termination.status(), termination.diagnostics());
        process.close();
        DaemonMain.deleteWorkDir(workDir);
        try (HaServices ha = ZooKeeperHaServices.create(conf, hadoopConf)) {
            ha.removeClusterData();
        }
        return 0;
    }
}
