package io.spindle.minicluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniClusterConfigTest {

    @TempDir
    Path dir;

    @Test
    void knownSettingsThenTheCallersEntries() {
        YarnConfiguration c = MiniClusterConfig.builder(dir)
                .nodeManagerMemoryMb(2048)
                .nodeManagerHeartbeat(Duration.ofMillis(500))
                .set(YarnConfiguration.RM_AM_MAX_ATTEMPTS, "2")
                .build();
        assertThat(c.get("hadoop.tmp.dir")).isEqualTo(dir.toAbsolutePath().toString());
        assertThat(c.get("yarn.scheduler.capacity.root.queues")).isEqualTo("default");
        assertThat(c.getInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 0)).isEqualTo(2048);
        assertThat(c.getInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, 0)).isEqualTo(2048);
        assertThat(c.getLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 0)).isEqualTo(500);
        assertThat(c.getLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, -1)).isZero();
        assertThat(c.getInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 0)).isEqualTo(2);
        assertThat(c.getInt("dfs.replication", 0)).isEqualTo(1);
    }

    @Test
    void siteFilesHoldOwnEntriesButNoServerOnlyClasses() throws Exception {
        Configuration c = MiniClusterConfig.builder(dir).build();
        c.set("net.topology.node.switch.mapping.impl", "org.apache.hadoop.net.StaticMapping");
        c.set("fs.defaultFS", "hdfs://localhost:1234");
        Path conf = HadoopSiteFiles.write(c, dir.resolve("conf"), "test");
        assertThat(conf.resolve("core-site.xml")).content().contains("hdfs://localhost:1234")
                .doesNotContain("net.topology.node.switch.mapping.impl")
                .doesNotContain("io.file.buffer.size"); // only in core-default.xml
        assertThat(conf.resolve("yarn-site.xml")).content().contains("yarn.scheduler.capacity.root.queues");
        assertThat(conf.resolve("hdfs-site.xml")).content().contains("dfs.replication");
    }
}
