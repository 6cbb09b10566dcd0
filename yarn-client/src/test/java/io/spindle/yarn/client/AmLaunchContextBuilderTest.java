package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.MemorySize;
import io.spindle.yarn.common.AmLaunchContract;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.Test;

class AmLaunchContextBuilderTest {

    private static AmLaunchContextBuilder builder() {
        return new AmLaunchContextBuilder()
                .processSize(MemorySize.ofMebiBytes(1600))
                .javaHome("/opt/java")
                .files(List.of(
                        new StagedFile("lib/a.jar", new Path("hdfs://nn:8020/user/u/.spindle/app/lib/a.jar"), 10, 20),
                        new StagedFile("conf/config.yaml", new Path("hdfs://nn:8020/user/u/.spindle/app/conf/config.yaml"), 3, 4)))
                .env(AmLaunchContract.ENV_CLUSTER_MODE, AmLaunchContract.MODE_SESSION);
    }

    @Test
    void localResourcesEnvironmentAndCommand() {
        YarnConfiguration conf = new YarnConfiguration();
        conf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, "$HADOOP_CONF_DIR,/opt/hadoop/share/*");
        ContainerLaunchContext clc = builder().hadoopConf(conf).build();

        LocalResource jar = clc.getLocalResources().get("lib/a.jar");
        assertThat(jar.getVisibility()).isEqualTo(LocalResourceVisibility.APPLICATION);
        assertThat(jar.getSize()).isEqualTo(10);
        assertThat(jar.getTimestamp()).isEqualTo(20);
        assertThat(jar.getResource().getFile()).isEqualTo("/user/u/.spindle/app/lib/a.jar");
        assertThat(clc.getLocalResources()).containsKeys("conf/config.yaml");

        assertThat(clc.getEnvironment())
                .containsEntry("JAVA_HOME", "/opt/java")
                .containsEntry(AmLaunchContract.ENV_CLUSTER_MODE, "session")
                .containsEntry("CLASSPATH", "{{PWD}}/conf<CPS>{{PWD}}/lib/*<CPS>$HADOOP_CONF_DIR<CPS>/opt/hadoop/share/*");

        assertThat(clc.getCommands()).containsExactly("{{JAVA_HOME}}/bin/java -Xmx1200m"
                + " -Dlog4j2.configurationFile=conf/log4j2.xml"
                + " -Dspindle.log.file=" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/spindle.log"
                + " -Dspindle.log.max-file-size=104857600 -Dspindle.log.max-backups=10"
                + " io.spindle.yarn.am.ApplicationMasterMain"
                + " 1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stdout"
                + " 2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stderr");
    }

    @Test
    void theLogSizeAndBackupsAreTheConfiguredOnes() {
        ContainerLaunchContext clc = builder().logging(new io.spindle.yarn.common.ContainerLogging(
                io.spindle.configuration.MemorySize.ofMebiBytes(5), 3)).build();
        assertThat(clc.getCommands().get(0)).contains(" -Dspindle.log.max-file-size=5242880 -Dspindle.log.max-backups=3 ");
    }

    @Test
    void nodeClasspathReplacesLibAndYarnClasspath() {
        ContainerLaunchContext clc = builder().nodeClasspath(List.of("/x/conf", "/x/a.jar")).mainClass("t.Main").build();
        assertThat(clc.getEnvironment()).containsEntry("CLASSPATH", "{{PWD}}/conf<CPS>/x/conf<CPS>/x/a.jar");
        assertThat(clc.getCommands().get(0)).contains(" t.Main ");
    }

    @Test
    void heapLeavesAQuarterBoundedOverhead() {
        assertThat(AmLaunchContextBuilder.heapSize(MemorySize.ofMebiBytes(1600)).mebiBytes()).isEqualTo(1200);
        assertThat(AmLaunchContextBuilder.heapSize(MemorySize.ofMebiBytes(256)).mebiBytes()).isEqualTo(128);
        assertThat(AmLaunchContextBuilder.heapSize(MemorySize.ofMebiBytes(100)).mebiBytes()).isEqualTo(64);
        assertThat(AmLaunchContextBuilder.heapSize(MemorySize.ofMebiBytes(8192)).mebiBytes()).isEqualTo(7168);
    }
}
