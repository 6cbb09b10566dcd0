package io.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code yarn-session.sh} against a Hadoop configuration that asks for Kerberos, with a keytab the
 * user got wrong: one error line naming the key and the file, exit code 1, before any ResourceManager
 * (here: none listens at its address) is asked. Without a KDC: the keytab is checked locally first.
 */
class YarnSessionCliKerberosInputTest {

    @TempDir
    Path tmp;

    @AfterEach
    void resetHadoopSecurity() {
        UserGroupInformation.reset();
    }

    private CliRun run(String extraConfig) throws Exception {
        Path hadoopConf = Files.createDirectories(tmp.resolve("hadoop"));
        Files.writeString(hadoopConf.resolve("core-site.xml"), "<configuration>"
                + "<property><name>hadoop.security.authentication</name><value>kerberos</value></property>"
                + "<property><name>fs.defaultFS</name><value>hdfs://localhost:1</value></property>"
                + "</configuration>");
        Files.writeString(hadoopConf.resolve("yarn-site.xml"), "<configuration>"
                + "<property><name>yarn.resourcemanager.address</name><value>localhost:1</value></property>"
                + "</configuration>");
        Path confDir = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(confDir.resolve("config.yaml"), "high-availability.type: zookeeper\n"
                + "high-availability.zookeeper.quorum: localhost:1\n"
                + "high-availability.storageDir: hdfs:///spindle/ha\n"
                + "yarn.properties-file.location: " + tmp + "\n" + extraConfig);
        YarnSessionCli cli = new YarnSessionCli(Map.of("HADOOP_CONF_DIR", hadoopConf.toString())::get,
                new ByteArrayInputStream(new byte[0]), UnaryOperator.identity());
        return CliRun.of(YarnSessionCli.commandLine(cli), "-d", "--conf-dir", confDir.toString());
    }

    @Test
    void aMissingKeytabIsOneLineNamingKeyAndFileAndExitCode1() throws Exception {
        Path keytab = tmp.resolve("missing.keytab");
        CliRun result = run("security.kerberos.login.keytab: " + keytab + "\n"
                + "security.kerberos.login.principal: alice@EXAMPLE.COM\n");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(result.errLines()).containsExactly(
                "Error: The keytab " + keytab + " ('security.kerberos.login.keytab') does not exist");
        assertThat(result.out()).doesNotContain("Submitting", "Staging");
    }

    @Test
    void aKeytabWithoutPrincipalIsOneLineAndExitCode1() throws Exception {
        Path keytab = Files.writeString(tmp.resolve("alice.keytab"), "not really a keytab");
        CliRun result = run("security.kerberos.login.keytab: " + keytab + "\n");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("Error: 'security.kerberos.login.keytab' is set to " + keytab)
                .contains("'security.kerberos.login.principal' is not");
    }
}
