package io.spindle.standalone;

import java.util.Objects;

/**
 * One {@code server.N=host:peerPort:leaderPort[:participant|:observer]} line of {@code zoo.cfg}.
 *
 * @param id the server id N, written to {@code myid} in the server's data directory
 * @param host where the server runs
 * @param peerPort the port followers connect to the leader on
 * @param leaderPort the port of leader election
 * @param observer whether the line ends in {@code :observer}
 * @param line the 1-based line of the file
 */
public record ZooKeeperServerEntry(long id, String host, int peerPort, int leaderPort, boolean observer, int line) {

    /** Checks the components. */
    public ZooKeeperServerEntry {
        Objects.requireNonNull(host, "host");
        if (id < 0) {
            throw new IllegalArgumentException("bad server id " + id);
        }
    }
}
