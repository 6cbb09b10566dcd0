package io.spindle.minicluster;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.zookeeper.server.quorum.QuorumPeer.LearnerType;
import org.apache.zookeeper.server.quorum.QuorumPeer.QuorumServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ZooKeeper ensemble of {@code n} servers in this JVM, on {@code 127.0.0.1}, each with its data
 * under {@code <baseDir>/zk-<i>}. Tests stop and restart single {@linkplain EnsembleMember members}
 * to see how clients cope with a lost server; the others keep the quorum while a majority runs.
 *
 * <p>{@link #start} returns once every member leads or follows (so the ensemble serves clients).
 * Ports are chosen free before the start; if one was taken meanwhile, the start is tried again with
 * other ports (three times in all). A member that cannot start is an exception, never an exit of
 * the JVM (see {@link ZooKeeperExits}). Like {@link EmbeddedZooKeeper}, it writes no
 * configuration file and copies nothing into system properties.
 *
 * <p>Thread safety: the ensemble is immutable after start; its members are thread-safe.
 */
public final class ZooKeeperEnsemble implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperEnsemble.class);
    private static final int START_ATTEMPTS = 3;
    private static final Duration QUORUM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private final List<EnsembleMember> members;

    private ZooKeeperEnsemble(List<EnsembleMember> members) {
        this.members = List.copyOf(members);
    }

    /**
     * Starts {@code size} servers and waits (at most 30 s) until all of them serve.
     *
     * @param baseDir  parent of the members' data folders
     * @param size     number of servers, at least 1
     * @param settings tick, session bounds and connection limit of every server
     * @throws IOException if the servers cannot start or form a quorum in time (all are stopped)
     */
    public static ZooKeeperEnsemble start(Path baseDir, int size, ZooKeeperSettings settings) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("ensemble size must be at least 1: " + size);
        }
        for (int attempt = 1; ; attempt++) {
            ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(newMembers(baseDir, size, settings));
            try {
                ensemble.startAll();
                LOG.info("ZooKeeper ensemble of {} started at {}", size, ensemble.connectString());
                return ensemble;
            } catch (BindException e) {
                ensemble.close();
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                LOG.info("A port of the ZooKeeper ensemble was taken ({}); trying other ports", e.getMessage());
            } catch (IOException | RuntimeException | Error e) {
                ensemble.close();
                throw e;
            }
        }
    }

    private static List<EnsembleMember> newMembers(Path baseDir, int size, ZooKeeperSettings settings) {
        List<Integer> ports = FreePorts.pick(3 * size);
        InetAddress host = InetAddress.getLoopbackAddress();
        Map<Long, QuorumServer> view = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            long id = i + 1;
            view.put(id, new QuorumServer(id,
                    new InetSocketAddress(host, ports.get(3 * i + 1)),
                    new InetSocketAddress(host, ports.get(3 * i + 2)),
                    new InetSocketAddress(host, ports.get(3 * i)),
                    LearnerType.PARTICIPANT));
        }
        List<EnsembleMember> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(new EnsembleMember(i + 1, baseDir.resolve("zk-" + i), view, settings));
        }
        return members;
    }

    private void startAll() throws IOException {
        for (EnsembleMember member : members) {
            member.start();
        }
        long deadline = System.nanoTime() + QUORUM_TIMEOUT.toNanos();
        while (!members.stream().allMatch(EnsembleMember::isServing)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the ZooKeeper ensemble did not form a quorum within " + QUORUM_TIMEOUT
                        + "; serving: " + members.stream().filter(EnsembleMember::isServing).toList());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the ZooKeeper ensemble formed its quorum", e);
            }
        }
    }

    /** {@code 127.0.0.1:<port>,...}: every member, running or not. */
    public String connectString() {
        return members.stream().map(EnsembleMember::connectString).collect(Collectors.joining(","));
    }

    /** The members, by id (index {@code i} holds id {@code i + 1}). */
    public List<EnsembleMember> members() {
        return members;
    }

    /** The member a client's session is connected to, if any (look it up with {@code ZooKeeper.getSessionId()}). */
    public Optional<EnsembleMember> memberServing(long sessionId) {
        return members.stream().filter(m -> m.servesSession(sessionId)).findFirst();
    }

    /** Stops every member; idempotent. The data folders stay. */
    @Override
    public void close() {
        members.forEach(EnsembleMember::stop);
    }
}
