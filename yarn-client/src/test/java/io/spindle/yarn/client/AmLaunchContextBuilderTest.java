package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.MemorySize;
import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.ContainerJvmOptions;
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
    void withTheCdsArchiveTheJarsLeadTheClasspathAndTheCommandResetsTheirTimes() {
        YarnConfiguration conf = new YarnConfiguration();
        conf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, "$HADOOP_CONF_DIR");
        ContainerLaunchContext clc = builder().hadoopConf(conf)
                .files(List.of(new StagedFile("lib/0.jar", new Path("hdfs://nn:8020/s/lib/0.jar"), 1, 2),
                        new StagedFile(ContainerJvmOptions.CDS_ARCHIVE, new Path("hdfs://nn:8020/s/lib/x.jsa"), 1, 2)))
                .jvmOptions(new ContainerJvmOptions(true, List.of("-XX:+UseSerialGC")))
                .build();

        assertThat(clc.getEnvironment()).containsEntry("CLASSPATH",
                "lib/0.jar<CPS>lib/a.jar<CPS>{{PWD}}/conf<CPS>{{PWD}}/lib/*<CPS>$HADOOP_CONF_DIR");
        String command = clc.getCommands().get(0);
        assertThat(command).startsWith("touch -c -m -d @946684800 lib/*.jar 2>/dev/null; exec {{JAVA_HOME}}/bin/java ");
        assertThat(command).contains(" -Dspindle.log.max-backups=10 -XX:SharedArchiveFile=lib/spindle-containers.jsa"
                + " -Xshare:auto -Xlog:cds=info:file=" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/cds.log"
                + " -XX:+UseSerialGC io.spindle.yarn.am.ApplicationMasterMain ");
    }

    @Test
    void withoutTheArchiveOrWithSharingOffTheCommandIsThePlainOne() {
        ContainerLaunchContext withoutArchive = builder()
                .jvmOptions(new ContainerJvmOptions(true, List.of())).build();
        ContainerLaunchContext sharingOff = builder()
                .files(List.of(new StagedFile(ContainerJvmOptions.CDS_ARCHIVE, new Path("hdfs://nn:8020/s/x.jsa"), 1, 2)))
                .jvmOptions(new ContainerJvmOptions(false, List.of())).build();

        for (ContainerLaunchContext clc : List.of(withoutArchive, sharingOff)) {
            assertThat(clc.getCommands().get(0)).startsWith("{{JAVA_HOME}}/bin/java ").doesNotContain("Xshare");
            assertThat(clc.getEnvironment().get("CLASSPATH")).startsWith("{{PWD}}/conf<CPS>");
        }
    }

    @Test
    void heapLeavesAQuarterBoundedOverhead() {
        assertThat(AmLaunchContextBuilder.heapSize(MemorySize.ofMebiBytes(1600)).mebiBytes()).isEqualTo(1200);
        assertThat(AmLaunchContextBuilder.heapSize(MemorySize.ofMebiBytes(256)).mebiBytes()).isEqualTo(128);
        assertThat(AmLaunchContextBuilder.heapSize(MemorySize.ofMebiBytes(100)).mebiBytes()).isEqualTo(64);
        assertThat(AmLaunchContextBuilder.heapSize(MemorySize.ofMebiBytes(8192)).mebiBytes()).isEqualTo(7168);
    }
}
