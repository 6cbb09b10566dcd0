package io.spindle.localcluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The Hadoop configuration the local HDFS and YARN start with: small, permissive, and everything
 * on disk under the cluster's directory.
 *
 * <ul>
 *   <li>HDFS: replication 1, no DataNode replacement on write failures (there is only one).</li>
 *   <li>Capacity scheduler with the single queue {@code default} at 100% (the shaded jars ship no
 *       {@code capacity-scheduler.xml}), {@code maximum-am-resource-percent=1.0} so several
 *       ApplicationMasters fit; allocations from 64 MB to one NodeManager's memory.</li>
 *   <li>Each NodeManager offers {@code nodeManagerMemoryMb} (default 4096: an AM of 1 GB plus four
 *       TaskExecutors of 512 MB fit on two of them with room to spare); pmem and vmem checks off.</li>
 *   <li>Containers inherit {@code JAVA_HOME} from this JVM's environment (YARN's default env
 *       whitelist), so {@code local-cluster.sh} exports it before starting the JVM. It is not forced
 *       with {@code yarn.nodemanager.admin-env}: that is appended to a JAVA_HOME the client sets,
 *       giving a path list that no shell can run.</li>
 *   <li>Container logs stay under the directory until stop ({@code log.retain-seconds=0} with a
 *       day of {@code delete.debug-delay-sec}: nothing is deleted while the cluster runs, and
 *       stopping does not wait for deletions); no log aggregation, no timeline service.</li>
 *   <li>{@code yarn.resourcemanager.am.max-attempts=4}, so HA failover of the AM can be shown.</li>
 * </ul>
 *
 * Thread safety: stateless.
 */
final class HadoopSettings {

    private HadoopSettings() {
    }

    /** A new configuration for a cluster in {@code dir}. */
    static Configuration create(ClusterDirectory dir, int nodeManagerMemoryMb) {
        Configuration c = new YarnConfiguration();
        c.set("hadoop.tmp.dir", dir.tmpDir().resolve("hadoop").toString());

        c.setInt("dfs.replication", 1);
        c.setBoolean("dfs.client.block.write.replace-datanode-on-failure.enable", false);

        c.set("yarn.scheduler.capacity.root.queues", "default");
        c.set("yarn.scheduler.capacity.root.default.capacity", "100");
        c.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
        c.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
        c.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
        c.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, nodeManagerMemoryMb);
        c.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, nodeManagerMemoryMb);
        c.setInt(YarnConfiguration.NM_PMEM_MB, nodeManagerMemoryMb);
        c.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        c.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        c.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 4);


        c.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 0);
        c.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 24 * 3600);
        c.setBoolean(YarnConfiguration.LOG_AGGREGATION_ENABLED, false);
        c.setBoolean(YarnConfiguration.TIMELINE_SERVICE_ENABLED, false);
        c.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.9f);
        c.setLong(YarnConfiguration.NM_MIN_PER_DISK_FREE_SPACE_MB, 0);
        c.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 500);
        c.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 2000);
        return c;
    }
}
