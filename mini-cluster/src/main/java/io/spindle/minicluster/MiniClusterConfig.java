package io.spindle.minicluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Builds the Hadoop configuration that {@link MiniHdfs} and {@link MiniYarn} start with: the
 * settings known to work for a one-machine HDFS and YARN, then the caller's own entries, which win.
 *
 * <ul>
 *   <li>{@code hadoop.tmp.dir} in the given folder.</li>
 *   <li>HDFS: replication 1, no DataNode replacement on write failures (there is only one).</li>
 *   <li>Capacity scheduler with the single queue {@code default} at 100% (the shaded jars ship no
 *       {@code capacity-scheduler.xml}), {@code maximum-am-resource-percent=1.0} so several
 *       ApplicationMasters fit; allocations from 64 MB to one NodeManager's memory.</li>
 *   <li>Each NodeManager offers {@link Builder#nodeManagerMemoryMb} (default 4096); pmem and vmem
 *       checks off; disk health checks that tolerate a nearly full disk.</li>
 *   <li>Container logs stay on disk ({@code yarn.nodemanager.log.retain-seconds=0} with a day of
 *       {@code delete.debug-delay-sec}: nothing is deleted while the cluster runs, and stopping does
 *       not wait for deletions); no log aggregation, no timeline service; a container that ignores
 *       SIGTERM gets SIGKILL after 2 s.</li>
 *   <li>{@code yarn.resourcemanager.am.max-attempts=4} (a submission may ask for fewer); NodeManager
 *       heartbeats every {@link Builder#nodeManagerHeartbeat} (default 250 ms), so allocations and
 *       attempt restarts are quick.</li>
 * </ul>
 *
 * <p>{@code JAVA_HOME} is not set here: containers inherit it from the NodeManager's environment
 * (YARN's environment whitelist), or the client puts it into the launch context. Forcing it with
 * {@code yarn.nodemanager.admin-env} would append it to a {@code JAVA_HOME} the client sets.
 *
 * <p>Thread safety: a builder is not thread-safe; each {@link Builder#build()} returns a new object.
 */
public final class MiniClusterConfig {

    private MiniClusterConfig() {
    }

    /** A builder whose configuration keeps Hadoop's temporary files in {@code tmpDir}. */
    public static Builder builder(Path tmpDir) {
        return new Builder(tmpDir);
    }

    /** Configures the settings above; see {@link MiniClusterConfig}. */
    public static final class Builder {

        private final Path tmpDir;
        private int nodeManagerMemoryMb = 4096;
        private Duration nodeManagerHeartbeat = Duration.ofMillis(250);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder(Path tmpDir) {
            this.tmpDir = Objects.requireNonNull(tmpDir, "tmpDir");
        }

        /** The memory each NodeManager offers, also the largest allocation (default 4096). */
        public Builder nodeManagerMemoryMb(int megabytes) {
            if (megabytes < 64) {
                throw new IllegalArgumentException("a NodeManager needs at least 64 MB: " + megabytes);
            }
            this.nodeManagerMemoryMb = megabytes;
            return this;
        }

        /** How often NodeManagers heartbeat to the ResourceManager (default 250 ms). */
        public Builder nodeManagerHeartbeat(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
            }
            this.nodeManagerHeartbeat = interval;
            return this;
        }

        /** An entry applied after, and winning over, the settings above. */
        public Builder set(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Entries applied after, and winning over, the settings above. */
        public Builder set(Map<String, String> entries) {
            entries.forEach(this::set);
            return this;
        }

        /** A new configuration (a {@link YarnConfiguration}, with Hadoop's default resources). */
        public YarnConfiguration build() {
            YarnConfiguration c = new YarnConfiguration();
            c.set("hadoop.tmp.dir", tmpDir.toAbsolutePath().toString());

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
            c.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.9f);
            c.setLong(YarnConfiguration.NM_MIN_PER_DISK_FREE_SPACE_MB, 0);

            c.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 0);
            c.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 24 * 3600);
            c.setBoolean(YarnConfiguration.LOG_AGGREGATION_ENABLED, false);
            c.setBoolean(YarnConfiguration.TIMELINE_SERVICE_ENABLED, false);
            c.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 2000);

            c.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 4);
            c.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, nodeManagerHeartbeat.toMillis());

            overrides.forEach(c::set);
            return c;
        }
    }
}
