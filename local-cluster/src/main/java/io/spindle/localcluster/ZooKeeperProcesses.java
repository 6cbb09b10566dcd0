package io.spindle.localcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.spindle.minicluster.EnsembleMemberMain;
import io.spindle.minicluster.FreePorts;
import io.spindle.minicluster.ZooKeeperMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ZooKeeper ensemble of {@code n} servers, each a JVM of its own ({@link EnsembleMemberMain}),
 * supervised by this JVM: a member that ends (a {@code kill -9} from a chaos run) is started again
 * on the same ports with the same data after {@link #RESTART_DELAY}. Files, under
 * {@code DIR/zookeeper/}: {@code member-<id>.pid} (the member's current pid, rewritten at each
 * start), {@code member-<id>.log} and {@code .out}, and the data in {@code zk-<id>/}. The members
 * allow the {@code srvr} four-letter command, so anyone can ask which one leads
 * ({@link ZooKeeperMode}).
 *
 * <p>Thread safety: {@link #close()} may run concurrently with the supervisor; the rest is
 * called by the starting thread.
 */
final class ZooKeeperProcesses implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperProcesses.class);
    static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    private static final Duration QUORUM_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path dir;
    private final List<int[]> ports;
    private final Process[] members;
    private final Thread supervisor;
    private volatile boolean closed;

    private ZooKeeperProcesses(Path dir, int size) {
        this.dir = dir;
        List<Integer> free = FreePorts.pick(3 * size);
        this.ports = IntStream.range(0, size)
                .mapToObj(i -> new int[] {free.get(3 * i), free.get(3 * i + 1), free.get(3 * i + 2)}).toList();
        this.members = new Process[size];
        this.supervisor = new Thread(this::supervise, "zookeeper-supervisor");
        this.supervisor.setDaemon(true);
    }

    /**
     * Starts {@code size} member JVMs and waits (at most 60 s) until each leads or follows.
     *
     * @throws IOException if a member cannot be started or no quorum forms in time (all are stopped)
     */
    static ZooKeeperProcesses start(Path dir, int size) throws IOException, InterruptedException {
        ZooKeeperProcesses ensemble = new ZooKeeperProcesses(dir, size);
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < size; i++) {
                ensemble.launch(i);
            }
            ensemble.awaitQuorum();
        } catch (IOException | InterruptedException | RuntimeException e) {
            ensemble.close();
            throw e;
        }
        ensemble.supervisor.start();
        LOG.info("ZooKeeper ensemble of {} separate processes serves at {}", size, ensemble.connectString());
        return ensemble;
    }

    /** {@code 127.0.0.1:<port>,...} of every member. */
    String connectString() {
        return ports.stream().map(p -> "127.0.0.1:" + p[0]).collect(Collectors.joining(","));
    }

    /** The members' client ports, comma-separated, in id order. */
    String clientPorts() {
        return ports.stream().map(p -> Integer.toString(p[0])).collect(Collectors.joining(","));
    }

    private synchronized void launch(int index) throws IOException {
        if (closed) {
            return;
        }
        long id = index + 1;
        String view = ports.stream().map(p -> p[0] + ":" + p[1] + ":" + p[2]).collect(Collectors.joining(","));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-Dzookeeper.4lw.commands.whitelist=srvr,ruok",
                "-Dlog4j2.configurationFile=" + LocalClusterMain.LOG_CONFIG,
                "-D" + LocalClusterMain.LOG_FILE_PROPERTY + "=" + dir.resolve("member-" + id + ".log"),
                "-cp", System.getProperty("java.class.path"), EnsembleMemberMain.class.getName(),
                Long.toString(id), dir.resolve("zk-" + id).toString(),
                Long.toString(ProcessHandle.current().pid()), view));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("member-" + id + ".out").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        members[index] = process;
        ClusterDirectory.writeAtomically(dir.resolve("member-" + id + ".pid"), process.pid() + "\n");
        LOG.info("ZooKeeper member {} started (pid {}, client port {})", id, process.pid(), ports.get(index)[0]);
    }

    private void awaitQuorum() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + QUORUM_TIMEOUT.toNanos();
        while (!ports.stream().allMatch(p -> serving(ZooKeeperMode.of(p[0])))) {
            for (int i = 0; i < members.length; i++) {
                if (!members[i].isAlive()) {
                    throw new IOException("ZooKeeper member " + (i + 1) + " exited with " + members[i].exitValue()
                            + "; see " + dir.resolve("member-" + (i + 1) + ".log"));
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the ZooKeeper ensemble did not form a quorum within " + QUORUM_TIMEOUT);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static boolean serving(Optional<String> mode) {
        return mode.filter(m -> m.equals("leader") || m.equals("follower")).isPresent();
    }

    private void supervise() {
        while (!closed) {
            try {
                Thread.sleep(POLL.toMillis());
                for (int i = 0; i < members.length; i++) {
                    Process member = members[i];
                    if (!closed && !member.isAlive()) {
                        LOG.info("ZooKeeper member {} (pid {}) ended with {}; restarting it in {} ms", i + 1,
                                member.pid(), member.exitValue(), RESTART_DELAY.toMillis());
                        Thread.sleep(RESTART_DELAY.toMillis());
                        launch(i);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Restarting a ZooKeeper member failed; trying again", e);
            }
        }
    }

    /** Stops the supervisor and every member (SIGTERM, then SIGKILL after 10 s). Idempotent. */
    @Override
    public void close() {
        closed = true;
        supervisor.interrupt();
        synchronized (this) {
            for (Process member : members) {
                if (member != null) {
                    member.destroy();
                }
            }
            for (Process member : members) {
                if (member != null) {
                    try {
                        if (!member.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                            member.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        member.destroyForcibly();
                    }
                }
            }
        }
        LOG.info("ZooKeeper ensemble stopped");
    }
}
