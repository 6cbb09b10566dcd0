package io.spindle.bench.chaos;

import io.spindle.minicluster.ZooKeeperMode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The parts of a {@code spindle local-cluster} that a chaos run acts on, from the files it writes
 * ({@code DIR/local-cluster.properties}): the ZooKeeper members started with
 * {@code --zookeeper-ensemble} (client ports, pid files; the cluster restarts a killed member) and
 * the DataNode restart request ({@code DIR/control/restart-datanode.request}, answered in
 * {@code restart-datanode.done}; the protocol of the local-cluster module's {@code ControlRequests}).
 *
 * <p>Immutable; thread-safe.
 */
final class LocalClusterAccess {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Path dir;
    private final List<Integer> zooKeeperPorts;
    private final String pidFiles;

    private LocalClusterAccess(Path dir, List<Integer> zooKeeperPorts, String pidFiles) {
        this.dir = dir;
        this.zooKeeperPorts = zooKeeperPorts;
        this.pidFiles = pidFiles;
    }

    /**
     * The local cluster whose {@code hadoop-conf/} is {@code hadoopConfDir}, if it is one.
     *
     * @throws IOException if its properties cannot be read
     */
    static Optional<LocalClusterAccess> of(Path hadoopConfDir) throws IOException {
        Path dir = hadoopConfDir.toAbsolutePath().getParent();
        Path file = dir == null ? null : dir.resolve("local-cluster.properties");
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        String ports = properties.getProperty("zookeeper.client-ports", "");
        List<Integer> zkPorts = ports.isBlank() ? List.of()
                : Arrays.stream(ports.split(",")).map(String::strip).map(Integer::parseInt).toList();
        return Optional.of(new LocalClusterAccess(dir, zkPorts, properties.getProperty("zookeeper.pid-files", "")));
    }

    /** The cluster's directory. */
    Path dir() {
        return dir;
    }

    /** Whether ZooKeeper runs as separate member processes (so they can be killed). */
    boolean hasZooKeeperEnsemble() {
        return zooKeeperPorts.size() > 1;
    }

    /** Member ids, 1 to n. */
    List<Integer> zooKeeperMembers() {
        return java.util.stream.IntStream.rangeClosed(1, zooKeeperPorts.size()).boxed().toList();
    }

    /** The member that says it leads, if one does. */
    Optional<Integer> zooKeeperLeader() {
        for (int id : zooKeeperMembers()) {
            if (ZooKeeperMode.of(zooKeeperPorts.get(id - 1)).filter("leader"::equals).isPresent()) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** Whether every member leads or follows. */
    boolean zooKeeperServing() {
        return zooKeeperPorts.stream().allMatch(port -> ZooKeeperMode.of(port)
                .filter(m -> m.equals("leader") || m.equals("follower")).isPresent());
    }

    /** The current pid of member {@code id}. */
    Optional<Long> zooKeeperPid(int id) {
        return LocalProcesses.readPid(Path.of(pidFiles.replace("<id>", Integer.toString(id))));
    }

    /**
     * Asks the cluster to restart its DataNode and waits for the answer.
     *
     * @return the restart's duration in ms
     * @throws IOException if it failed or no answer came within {@code timeout}
     */
    long restartDataNode(Duration timeout) throws IOException, InterruptedException {
        Path control = dir.resolve("control");
        String token = Long.toString(System.nanoTime(), 36);
        Path request = control.resolve("restart-datanode.request");
        Path tmp = control.resolve("restart-datanode.request.tmp");
        Files.writeString(tmp, token + "\n");
        Files.move(tmp, request, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                String answer = Files.readString(control.resolve("restart-datanode.done")).strip();
                if (answer.startsWith(token + " ok ")) {
                    return Long.parseLong(answer.substring(token.length() + 4).strip());
                }
                if (answer.startsWith(token + " ")) {
                    throw new IOException("the DataNode restart failed: " + answer.substring(token.length() + 1));
                }
            } catch (NoSuchFileException e) {
                // not yet
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IOException("no answer to the DataNode restart within " + timeout.toSeconds() + " s");
    }
}
