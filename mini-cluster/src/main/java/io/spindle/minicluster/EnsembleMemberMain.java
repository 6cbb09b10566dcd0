package io.spindle.minicluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.zookeeper.server.quorum.QuorumPeer.LearnerType;
import org.apache.zookeeper.server.quorum.QuorumPeer.QuorumServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link EnsembleMember} as a process of its own, so that a fault can kill it with SIGKILL or
 * pause it with SIGSTOP. Started by {@code spindle local-cluster start --zookeeper-ensemble N}.
 *
 * <pre>
 * EnsembleMemberMain ID DATA_DIR PARENT_PID CLIENT:QUORUM:ELECTION[,CLIENT:QUORUM:ELECTION...]
 * </pre>
 *
 * The ports list names every member in id order (member {@code i} is the {@code i}-th entry), all on
 * {@code 127.0.0.1}. The process runs until killed, and exits on its own (code 0) once the process
 * {@code PARENT_PID} has ended, so a SIGKILL of the supervising JVM leaves no member behind.
 */
public final class EnsembleMemberMain {

    private static final Logger LOG = LoggerFactory.getLogger(EnsembleMemberMain.class);
    private static final Duration PARENT_POLL = Duration.ofSeconds(1);

    private EnsembleMemberMain() {
    }

    /** Starts the member and waits for the end of the parent process. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4) {
            System.err.println("Usage: EnsembleMemberMain ID DATA_DIR PARENT_PID CLIENT:QUORUM:ELECTION,...");
            System.exit(2);
        }
        long id = Long.parseLong(args[0]);
        long parentPid = Long.parseLong(args[2]);
        EnsembleMember member = new EnsembleMember(id, Path.of(args[1]), view(args[3]),
                ZooKeeperSettings.defaults());
        member.start();
        LOG.info("ZooKeeper member {} runs in pid {}", id, ProcessHandle.current().pid());
        while (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(PARENT_POLL.toMillis());
        }
        LOG.info("ZooKeeper member {}: parent {} ended; stopping", id, parentPid);
        member.stop();
        System.exit(0);
    }

    /** The quorum view from {@code client:quorum:election,...}, ids 1 to n in list order. */
    static Map<Long, QuorumServer> view(String ports) {
        InetAddress host = InetAddress.getLoopbackAddress();
        Map<Long, QuorumServer> view = new LinkedHashMap<>();
        String[] servers = ports.split(",");
        for (int i = 0; i < servers.length; i++) {
            String[] p = servers[i].split(":");
            if (p.length != 3) {
                throw new IllegalArgumentException("expected CLIENT:QUORUM:ELECTION, got " + servers[i]);
            }
            long id = i + 1;
            view.put(id, new QuorumServer(id,
                    new InetSocketAddress(host, Integer.parseInt(p[1])),
                    new InetSocketAddress(host, Integer.parseInt(p[2])),
                    new InetSocketAddress(host, Integer.parseInt(p[0])),
                    LearnerType.PARTICIPANT));
        }
        return view;
    }
}
