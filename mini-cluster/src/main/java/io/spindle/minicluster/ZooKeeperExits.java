package io.spindle.minicluster;

import org.apache.zookeeper.util.ServiceUtils;

/**
 * Makes ZooKeeper's requests to exit the JVM log-only. ZooKeeper's server threads call
 * {@link ServiceUtils#requestSystemExit} on fatal errors (a quorum port that cannot be bound, a
 * transaction log that cannot be written); an embedded server must fail, not end its host JVM.
 * The setting is ZooKeeper's own and JVM-wide. Thread-safe and idempotent.
 */
final class ZooKeeperExits {

    private ZooKeeperExits() {
    }

    static void logOnly() {
        ServiceUtils.setSystemExitProcedure(ServiceUtils.LOG_ONLY);
    }
}
