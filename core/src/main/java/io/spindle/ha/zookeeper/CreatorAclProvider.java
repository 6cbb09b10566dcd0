package io.spindle.ha.zookeeper;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * The ACLs of {@code high-availability.zookeeper.client.acl: creator}: every node belongs to the
 * authenticated identity that created it (all permissions, nobody else may read or change it),
 * except the way to the leader information, which everybody may also <em>read</em>: the
 * cluster's namespace and its ancestors ({@code root}, {@code root/cluster-id}, nodes without data),
 * {@link ZooKeeperLayout#LEADER} and the nodes under it.
 *
 * <p>Why: TaskExecutors find their JobManager there, and on YARN they have no Kerberos identity
 * (the keytab goes to the ApplicationMaster only). What they read is the leader's address and
 * session id, which protect nothing: every RPC needs the cluster secret. ZooKeeper checks READ on
 * every node a client's namespace passes through ({@code exists} too), hence the ancestors. What
 * others can learn is the folder names (cluster ids, {@code jobgraphs}, {@code checkpoints}); the
 * job graphs, checkpoints and the latch stay the creator's. Writing stays the creator's everywhere,
 * so nobody can point TaskExecutors or clients at another leader.
 *
 * <p>Immutable; thread-safe.
 */
final class CreatorAclProvider implements ACLProvider {

    private static final List<ACL> CREATOR_ONLY = ZooDefs.Ids.CREATOR_ALL_ACL;
    // Not List.of: ZooKeeper asks the list whether it contains null, which List.of answers with an NPE.
    private static final List<ACL> CREATOR_AND_WORLD_READ = Collections.unmodifiableList(Arrays.asList(
            ZooDefs.Ids.CREATOR_ALL_ACL.get(0), ZooDefs.Ids.READ_ACL_UNSAFE.get(0)));

    private final String namespace;

    /** @param clusterNamespace the cluster's namespace, {@code root/cluster-id} without leading slash */
    CreatorAclProvider(String clusterNamespace) {
        this.namespace = "/" + clusterNamespace;
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return CREATOR_ONLY;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        return worldReadable(path) ? CREATOR_AND_WORLD_READ : CREATOR_ONLY;
    }

    /**
     * Whether {@code path} is on the way to the leader information or in it. Curator passes most
     * paths with the namespace, but those of transaction operations without it: both are accepted.
     */
    boolean worldReadable(String path) {
        if (path == null) {
            return false;
        }
        String leader = namespace.equals("/") ? ZooKeeperLayout.LEADER : namespace + ZooKeeperLayout.LEADER;
        return isOrUnder(path, leader) || isOrUnder(path, ZooKeeperLayout.LEADER)
                || namespace.equals(path) || namespace.startsWith(path.endsWith("/") ? path : path + "/");
    }

    private static boolean isOrUnder(String path, String folder) {
        return path.equals(folder) || path.startsWith(folder + "/");
    }
}
