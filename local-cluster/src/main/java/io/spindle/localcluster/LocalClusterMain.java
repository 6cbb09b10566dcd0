package io.spindle.localcluster;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Entry point of {@code bin/spindle local-cluster}: an embedded ZooKeeper, HDFS and YARN for first
 * runs and demos.
 *
 * <pre>
 * LocalClusterMain start   [--dir DIR] [--node-managers 2] [--node-manager-memory 4096]
 *                          [--zookeeper-port 0] [--namenode-port 0] [--conf-template DIST/conf]
 *                          [--zookeeper-ensemble 1]  (3: three ZooKeeper JVMs, restarted when killed)
 * LocalClusterMain prepare [same options]   checks and empties DIR before the CLI forks start
 * LocalClusterMain status  [--dir DIR]      exit 0 if running and ready, 1 if not
 * LocalClusterMain stop    [--dir DIR] [--timeout 30]
 * LocalClusterMain restart-datanode [--dir DIR] [--timeout 30]   restarts the running cluster's DataNode
 * </pre>
 *
 * {@code start} runs the cluster in this JVM until SIGTERM and logs to {@code DIR/local-cluster.log};
 * {@code spindle local-cluster start} (module cli, {@code io.spindle.cli.localcluster}) forks it in the
 * background and waits for {@code DIR/ready}; its {@code status} and {@code stop} run the other commands. Errors
 * are one line on standard error with exit code 1 (2 for usage errors). See {@link ClusterDirectory}
 * for the files in DIR.
 */
public final class LocalClusterMain {

    /** Log4j configuration of the {@code start} JVM, a resource of this module. */
    static final String LOG_CONFIG = "log4j2-local-cluster.xml";
    /** System property naming the log file in {@link #LOG_CONFIG}. */
    static final String LOG_FILE_PROPERTY = "spindle.local-cluster.log.file";

    private LocalClusterMain() {
    }

    /** Runs the command and exits with its code; {@code start} returns only on failure. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("start")) {
            prepareLogging(args);
        }
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command with the given output streams, without exiting the JVM.
     *
     * @return the exit code: 0 success, 1 failure or not running, 2 usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException, IOException {
        if (args.length > 0 && List.of("-h", "--help", "help").contains(args[0])) {
            out.println(LocalClusterArgs.USAGE);
            return 0;
        }
        LocalClusterArgs parsed;
        try {
            parsed = LocalClusterArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            err.println(LocalClusterArgs.USAGE);
            return 2;
        }
        return switch (parsed.command()) {
            case "start" -> LocalClusterRunner.run(parsed, out, err);
            case "prepare" -> LocalClusterControl.prepare(parsed, err);
            case "status" -> LocalClusterControl.status(parsed, out);
            case "stop" -> LocalClusterControl.stop(parsed, out, err);
            case "restart-datanode" -> LocalClusterControl.restartDataNode(parsed, out, err);
            default -> throw new IllegalStateException(parsed.command());
        };
    }

    /** Points Log4j at {@code DIR/local-cluster.log} before anything logs, unless told otherwise. */
    private static void prepareLogging(String[] args) {
        LocalClusterArgs parsed;
        try {
            parsed = LocalClusterArgs.parse(args);
        } catch (IllegalArgumentException e) {
            return; // run() reports it
        }
        if (System.getProperty(LOG_FILE_PROPERTY) == null) {
            System.setProperty(LOG_FILE_PROPERTY, new ClusterDirectory(parsed.dir()).logFile().toString());
        }
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
    }
}
