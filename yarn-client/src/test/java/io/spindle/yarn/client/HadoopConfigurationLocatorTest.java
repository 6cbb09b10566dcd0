package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopConfigurationLocatorTest {

    @TempDir
    Path tmp;

    private Path confDir(String name, String rmAddress) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("yarn-site.xml"), "<?xml version=\"1.0\"?>\n<configuration><property>"
                + "<name>yarn.resourcemanager.address</name><value>" + rmAddress + "</value></property></configuration>\n");
        return dir;
    }

    @Test
    void hadoopConfDirComesFirst() throws Exception {
        Path hadoop = confDir("hadoop", "rm-a:8032");
        Path yarn = confDir("yarn", "rm-b:8032");
        HadoopConfigurationLocator.Located located = new HadoopConfigurationLocator(Map.of(
                "HADOOP_CONF_DIR", hadoop.toString(), "YARN_CONF_DIR", yarn.toString())::get).locate();
        assertThat(located.directory()).contains(hadoop);
        assertThat(located.source()).isEqualTo("HADOOP_CONF_DIR=" + hadoop);
        assertThat(located.configuration().get("yarn.resourcemanager.address")).isEqualTo("rm-a:8032");
    }

    @Test
    void yarnConfDirWhenHadoopConfDirIsUnsetOrMissing() throws Exception {
        Path yarn = confDir("yarn", "rm-b:8032");
        HadoopConfigurationLocator.Located located = new HadoopConfigurationLocator(Map.of(
                "HADOOP_CONF_DIR", tmp.resolve("missing").toString(), "YARN_CONF_DIR", yarn.toString())::get).locate();
        assertThat(located.directory()).contains(yarn);
        assertThat(located.source()).startsWith("YARN_CONF_DIR=");
        assertThat(located.configuration().get("yarn.resourcemanager.address")).isEqualTo("rm-b:8032");
    }

    @Test
    void classpathWhenNeitherIsSet() {
        HadoopConfigurationLocator.Located located = new HadoopConfigurationLocator(name -> null).locate();
        assertThat(located.directory()).isEmpty();
        assertThat(located.source()).isEqualTo("the classpath");
        assertThat(located.configuration()).isNotNull();
    }
}
