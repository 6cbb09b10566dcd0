package io.spindle.cli;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.zookeeper.ClusterHaData;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.yarn.client.HadoopConfigurationLocator;
import io.spindle.yarn.client.ResourceManagerConnection;
import io.spindle.yarn.client.StagingDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spindle ha gc}: lists what ended YARN applications left behind (their staging dirs, and
 * the znodes and storageDir folders of their cluster-ids, with sizes and final states; see
 * {@link LeftoverScan}) and removes it with {@code --yes}. Without {@code --yes} it changes nothing.
 * A FAILED application's HA data is kept unless {@code --include-failed}
 * ({@link ApplicationLeftovers}). HA data goes pointers first ({@link ClusterHaData#deleteAll}).
 *
 * <p>Exit codes: 0 done (or nothing to do), 1 configuration error, 3 YARN, ZooKeeper or a file
 * system failed. Not thread-safe; picocli fills it in for one invocation.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"List the staging dirs and HA data (znodes, storageDir folders) that ended YARN applications"
                + " left behind, and remove them with --yes.",
                "Asks the ResourceManager (HADOOP_CONF_DIR); never touches an application that is not FINISHED, FAILED"
                        + " or KILLED."})
public final class HaGcCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(HaGcCommand.class);
    private static final Duration RM_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--yes", description = "Remove what is listed (default: only list it).")
    boolean yes;

    @Option(names = "--include-failed",
            description = "Also remove the HA data of FAILED applications (kept by default: a resubmission with the"
                    + " same cluster-id recovers from it).")
    boolean includeFailed;

    @Spec
    CommandSpec spec;

    private final Function<String, String> environment;

    /** A command that finds the Hadoop configuration through the process environment. */
    public HaGcCommand() {
        this(System::getenv);
    }

    /** A command that reads {@code HADOOP_CONF_DIR}/{@code YARN_CONF_DIR} through {@code environment}. */
    HaGcCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        Configuration conf = configuration.load();
        org.apache.hadoop.conf.Configuration hadoopConf =
                new HadoopConfigurationLocator(environment).locate().configuration();
        ZooKeeperClientFactory zooKeeper = new ZooKeeperClientFactory(conf);
        Path storageDirSetting = new Path(conf.getRequired(HighAvailabilityOptions.STORAGE_DIR));
        PrintWriter out = spec.commandLine().getOut();
        ResourceManagerConnection rm = new ResourceManagerConnection(hadoopConf, RM_CONNECT_TIMEOUT);
        YarnClient yarn = rm.startClient();
        try (FileSystem stagingFs = FileSystem.newInstance(hadoopConf);
                FileSystem storageFs = FileSystem.newInstance(storageDirSetting.toUri(), hadoopConf);
                CuratorFramework root = zooKeeper.startRootClient()) {
            rm.checkReachable(yarn);
            Path storageDir = storageFs.makeQualified(storageDirSetting);
            LeftoverScan.Result result = new LeftoverScan(yarn, root, zooKeeper.rootNamespace(), stagingFs,
                    StagingDirectory.stagingRoot(stagingFs), storageFs, storageDir).scan();
            for (String skipped : result.skipped()) {
                out.println("Skipped " + skipped);
            }
            if (result.ended().isEmpty()) {
                out.println("Nothing to remove: no ended application left a staging dir or HA data.");
                return ExitCodes.OK;
            }
            int removed = 0;
            for (ApplicationLeftovers app : result.ended()) {
                out.println(app.applicationId() + " " + app.stateDescription());
                if (app.stagingDir().isPresent()) {
                    Leftover staging = app.stagingDir().get();
                    if (yes) {
                        deleteFolder(stagingFs, new Path(staging.location()));
                        removed++;
                    }
                    out.println("  " + staging.describe() + (yes ? ": removed" : ": to remove"));
                }
                boolean removeHa = app.removesHaData(includeFailed);
                if (yes && removeHa && !app.haData().isEmpty()) {
                    String id = app.applicationId().toString();
                    new ClusterHaData(root, id, ClusterStorage.under(storageDir, id, hadoopConf)).deleteAll();
                    removed += app.haData().size();
                }
                for (Leftover ha : app.haData()) {
                    out.println("  " + ha.describe() + (!removeHa
                            ? ": kept (FAILED: a resubmission with this cluster-id recovers from it; --include-failed"
                                    + " removes it)"
                            : yes ? ": removed" : ": to remove"));
                }
            }
            out.println(yes ? "Removed " + removed + " items." : "Nothing was removed; pass --yes to remove what is"
                    + " marked 'to remove'.");
            return ExitCodes.OK;
        } finally {
            yarn.stop();
            out.flush();
        }
    }

    private static void deleteFolder(FileSystem fs, Path dir) throws IOException {
        if (!fs.delete(dir, true) && fs.exists(dir)) {
            throw new IOException("Could not delete " + dir);
        }
        LOG.info("Deleted {}", dir);
    }
}
