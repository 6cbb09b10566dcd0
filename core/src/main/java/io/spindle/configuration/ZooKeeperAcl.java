package io.spindle.configuration;

/** Which ACL Spindle puts on the ZooKeeper nodes it creates ({@code high-availability.zookeeper.client.acl}). */
public enum ZooKeeperAcl {
    /** World-readable and world-writable nodes: for ZooKeeper quorums without authentication. */
    OPEN,
    /** Only the authenticated creator (e.g. its Kerberos principal) may access the nodes. */
    CREATOR
}
