package io.spindle.yarn.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.MemorySize;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.Test;

class ContainerJvmTest {

    private final Configuration hadoopConf = new Configuration(false);

    @Test
    void stagedLibAndYarnClasspathByDefault() {
        hadoopConf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, "/h/a/*, /h/b/*");

        assertThat(ContainerJvm.classpath(List.of(), hadoopConf))
                .isEqualTo("{{PWD}}/conf<CPS>{{PWD}}/lib/*<CPS>/h/a/*<CPS>/h/b/*");
    }

    @Test
    void nodeClasspathReplacesLibAndYarnClasspath() {
        hadoopConf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, "/h/a/*");

        assertThat(ContainerJvm.classpath(List.of("/opt/spindle/lib/*", " ", "/opt/extra.jar"), hadoopConf))
                .isEqualTo("{{PWD}}/conf<CPS>/opt/spindle/lib/*<CPS>/opt/extra.jar");
    }

    @Test
    void heapLeavesAQuarterWithinBounds() {
        assertThat(ContainerJvm.heap(MemorySize.ofMebiBytes(1024)).mebiBytes()).isEqualTo(768);
        assertThat(ContainerJvm.heap(MemorySize.ofMebiBytes(256)).mebiBytes()).isEqualTo(128);
        assertThat(ContainerJvm.heap(MemorySize.ofMebiBytes(8192)).mebiBytes()).isEqualTo(7168);
        assertThat(ContainerJvm.heap(MemorySize.ofMebiBytes(100)).mebiBytes()).isEqualTo(64);
    }
}
