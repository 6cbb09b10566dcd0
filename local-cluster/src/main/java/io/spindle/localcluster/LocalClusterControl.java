package io.spindle.localcluster;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands that act on a local cluster from outside its JVM: {@code prepare} (checks before
 * the script forks the JVM), {@code status}, {@code stop} and {@code restart-datanode}.
 *
 * <p>Stop sequence: SIGTERM to the cluster's JVM (its shutdown hook stops YARN with its
 * containers, HDFS and ZooKeeper); wait up to the timeout; then SIGKILL and wait up to 10 s; then
 * SIGKILL any container process still recorded in the NodeManagers' pid files under the directory
 * (only possible after a SIGKILL); then delete the directory.
 *
 * <p>Thread safety: stateless.
 */
final class LocalClusterControl {

    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterControl.class);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private LocalClusterControl() {
    }

    /** @throws LocalClusterException if a cluster JVM (other than this one) runs in {@code dir} */
    static void checkNotRunning(ClusterDirectory dir) throws LocalClusterException {
        Optional<ProcessHandle> running = ClusterProcess.running(dir);
        if (running.isPresent()) {
            throw new LocalClusterException("a local cluster is already running in " + dir.dir()
                    + " (pid " + running.get().pid() + ")");
        }
    }

    /** Checks that a cluster can start in the directory and leaves it empty but for the marker. */
    static int prepare(LocalClusterArgs args, PrintStream err) {
        ClusterDirectory dir = new ClusterDirectory(args.dir());
        try {
            checkNotRunning(dir);
            dir.checkUsable();
            PortCheck.requireFree(args.zooKeeperPort(), "ZooKeeper");
            PortCheck.requireFree(args.nameNodePort(), "the HDFS NameNode");
            dir.claimEmpty();
            return 0;
        } catch (LocalClusterException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    /** Prints whether a cluster runs in the directory; 0 if it runs and is ready, 1 otherwise. */
    static int status(LocalClusterArgs args, PrintStream out) throws IOException {
        ClusterDirectory dir = new ClusterDirectory(args.dir());
        Optional<ProcessHandle> process = ClusterProcess.running(dir);
        if (process.isEmpty()) {
            out.println("No local cluster is running in " + dir.dir() + ".");
            return 1;
        }
        if (!Files.isRegularFile(dir.readyFile())) {
            out.println("A local cluster is starting in " + dir.dir() + " (pid " + process.get().pid() + ").");
            return 1;
        }
        out.print(ClusterSummary.format("running", ClusterFiles.readProperties(dir.propertiesFile())));
        return 0;
    }

    /** Stops the cluster of the directory and deletes the directory; 1 if none was running. */
    static int stop(LocalClusterArgs args, PrintStream out, PrintStream err) throws InterruptedException {
        ClusterDirectory dir = new ClusterDirectory(args.dir());
        if (dir.exists() && !dir.isMarked()) {
            err.println("Error: " + dir.dir() + " is not a local cluster's directory; nothing stopped or deleted");
            return 1;
        }
        Optional<ProcessHandle> process = ClusterProcess.running(dir);
        if (process.isEmpty()) {
            boolean removed = killLeftoverContainers(dir) | dir.deleteIfMarked();
            err.println("Error: no local cluster is running in " + dir.dir()
                    + (removed ? " (removed what an earlier one left behind)" : ""));
            return 1;
        }
        long pid = process.get().pid();
        if (!terminate(process.get(), args.stopTimeout())) {
            err.println("Error: the local cluster (pid " + pid + ") did not end even after SIGKILL; " + dir.dir()
                    + " was kept");
            return 1;
        }
        killLeftoverContainers(dir);
        dir.deleteIfMarked();
        out.println("Stopped the local cluster (pid " + pid + ") and deleted " + dir.dir() + ".");
        return 0;
    }

    /** Asks the running cluster to restart its DataNode ({@link ControlRequests}); 0 once it did. */
    static int restartDataNode(LocalClusterArgs args, PrintStream out, PrintStream err) throws InterruptedException {
        ClusterDirectory dir = new ClusterDirectory(args.dir());
        if (ClusterProcess.running(dir).isEmpty() || !Files.isRegularFile(dir.readyFile())) {
            err.println("Error: no ready local cluster in " + dir.dir());
            return 1;
        }
        try {
            String answer = ControlRequests.request(dir, args.stopTimeout());
            if (answer.startsWith("ok ")) {
                out.println("Restarted the DataNode in " + answer.substring(3) + " ms.");
                return 0;
            }
            err.println("Error: " + answer);
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
        }
        return 1;
    }

    /** SIGTERM, bounded wait, SIGKILL, bounded wait; whether the process is gone. */
    private static boolean terminate(ProcessHandle process, Duration timeout) throws InterruptedException {
        process.destroy();
        if (awaitExit(process, timeout)) {
            return true;
        }
        LOG.warn("The local cluster (pid {}) did not stop within {} s of SIGTERM; sending SIGKILL",
                process.pid(), timeout.toSeconds());
        process.destroyForcibly();
        return awaitExit(process, KILL_TIMEOUT);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !ClusterProcess.isAlive(process);
        } catch (ExecutionException e) {
            return !ClusterProcess.isAlive(process);
        }
    }

    /**
     * Kills the container processes recorded in the NodeManagers' pid files
     * ({@code nmPrivate/<app>/<container>/<container>.pid}) and their descendants; whether any was
     * alive. After a clean stop there are none.
     */
    static boolean killLeftoverContainers(ClusterDirectory dir) throws InterruptedException {
        Path yarnDir = dir.yarnDir();
        if (!Files.isDirectory(yarnDir)) {
            return false;
        }
        List<ProcessHandle> victims = new ArrayList<>();
        try (Stream<Path> files = Files.walk(yarnDir)) {
            files.filter(f -> f.getFileName().toString().matches("container_.*\\.pid"))
                    .filter(f -> f.toString().contains("nmPrivate"))
                    .forEach(f -> ClusterProcess.readPid(f).flatMap(ProcessHandle::of).filter(ClusterProcess::isAlive)
                            .ifPresent(p -> {
                                victims.add(p);
                                p.descendants().forEach(victims::add);
                            }));
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Cannot look for container processes under {}: {}", yarnDir, e.toString());
        }
        if (victims.isEmpty()) {
            return false;
        }
        LOG.warn("Killing container processes left behind: {}", victims.stream().map(ProcessHandle::pid).toList());
        victims.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : victims) {
            awaitExit(p, KILL_TIMEOUT);
        }
        return true;
    }
}
