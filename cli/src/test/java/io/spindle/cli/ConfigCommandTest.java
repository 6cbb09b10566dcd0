package io.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

    @TempDir
    Path confDir;

    private Path writeConfig(String yaml) throws IOException {
        return Files.writeString(confDir.resolve("config.yaml"), yaml);
    }

    @Test
    void aBadDurationFailsWithOneLineNamingKeyAndFile() throws IOException {
        Path file = writeConfig("""
                high-availability.type: zookeeper
                high-availability.zookeeper.quorum: zk1:2181
                high-availability.zookeeper.client.retry-wait: 5 parsecs
                """);

        CliRun run = CliRun.spindle("config", "--conf-dir", confDir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("Error: Invalid value '5 parsecs' for key"
                + " 'high-availability.zookeeper.client.retry-wait' (" + file + ", line 3): expected a duration such"
                + " as '5 s', '500 ms' or '1 min'");
    }

    @Test
    void listsEveryValueWithItsOrigin() throws IOException {
        Path file = writeConfig("""
                rest.port: 8082
                taskmanager.numberOfTaskSlots: 4
                high-availability:
                  type: zookeeper
                  storageDir: hdfs:///ha
                """);

        CliRun run = CliRun.spindle("config", "--conf-dir", confDir.toString(), "-D", "rest.port=9091",
                "-Dhigh-availability.zookeeper.quorum=zk1:2181",
                "-Dyarn.application.queue=batch");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines().get(0)).matches("KEY\\s+VALUE\\s+ORIGIN");
        assertThat(run.outLines())
                .anySatisfy(line -> assertThat(line).matches("rest\\.port\\s+9091\\s+-D"))
                .anySatisfy(line -> assertThat(line).matches("yarn\\.application\\.queue\\s+batch\\s+-D"))
                .anySatisfy(line -> assertThat(line).matches(
                        "taskmanager\\.numberOfTaskSlots\\s+4\\s+" + quote(file + ":2")))
                .anySatisfy(line -> assertThat(line).matches(
                        "high-availability\\.type\\s+zookeeper\\s+" + quote(file + ":4")))
                .anySatisfy(line -> assertThat(line).matches(
                        "high-availability\\.zookeeper\\.client\\.retry-wait\\s+5 s\\s+default"))
                .anySatisfy(line -> assertThat(line).matches(
                        "high-availability\\.zookeeper\\.quorum\\s+zk1:2181\\s+-D"))
                .noneSatisfy(line -> assertThat(line).startsWith("yarn.application.id"));
    }

    @Test
    void warnsAboutUnknownKeysOnStandardError() throws IOException {
        Path file = writeConfig("high-availability.zookeeper.quorom: zk1:2181\n");

        CliRun run = CliRun.spindle("config", "--conf-dir", confDir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.errLines()).containsExactly("Warning: Unknown key 'high-availability.zookeeper.quorom' ("
                + file + ", line 1); did you mean 'high-availability.zookeeper.quorum'?");
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("high-availability.zookeeper.quorom")
                .endsWith("(unknown key)"));
    }

    @Test
    void aMisspelledRequiredKeyWarnsAndFailsSayingTheKeyIsMissing() throws IOException {
        Path file = writeConfig("""
                high-availability.type: zookeeper
                high-availability.zookeeper.quorom: zk1:2181
                high-availability.storageDir: hdfs:///ha
                """);

        CliRun run = CliRun.spindle("config", "--conf-dir", confDir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(
                "Warning: Unknown key 'high-availability.zookeeper.quorom' (" + file
                        + ", line 2); did you mean 'high-availability.zookeeper.quorum'?",
                "Error: High availability is on (high-availability.type: zookeeper) but"
                        + " 'high-availability.zookeeper.quorum' is not set: set it in config.yaml or with"
                        + " -D high-availability.zookeeper.quorum=<value>");
    }

    @Test
    void aMalformedQuorumIsAnError() throws IOException {
        writeConfig("""
                high-availability.type: zookeeper
                high-availability.zookeeper.quorum: zk1:notaport
                high-availability.storageDir: hdfs:///ha
                """);

        CliRun run = CliRun.spindle("config", "--conf-dir", confDir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(run.errLines()).containsExactly("Error: Invalid value 'zk1:notaport' for key"
                + " 'high-availability.zookeeper.quorum': entry 'zk1:notaport' (port 'notaport' is not a number);"
                + " expected host:port[,host:port...]");
    }

    @Test
    void showsWhenADeprecatedKeyProvidesTheValue() throws IOException {
        Path file = writeConfig("high-availability: zookeeper\n");

        CliRun run = CliRun.spindle("config", "--conf-dir", confDir.toString(),
                "-Dhigh-availability.zookeeper.quorum=zk1:2181", "-Dhigh-availability.storageDir=hdfs:///ha");

        assertThat(run.exitCode()).isZero();
        assertThat(run.errLines()).singleElement().asString().startsWith("Warning: Key 'high-availability' (")
                .endsWith("is deprecated; use 'high-availability.type' instead");
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line).matches(
                "high-availability\\.type\\s+zookeeper\\s+" + quote(file + ":1") + " \\(as deprecated 'high-availability'\\)"));
    }

    @Test
    void aYamlSyntaxErrorIsOneLineWithTheLine() throws IOException {
        Path file = writeConfig("rest.port: 8081\nyarn.tags: [a, b\n");

        CliRun run = CliRun.spindle("config", "--conf-dir", confDir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith("Error: Invalid YAML (" + file + ", line ");
    }

    @Test
    void aMissingConfDirectoryIsAnError() {
        Path missing = confDir.resolve("missing");

        CliRun run = CliRun.spindle("config", "--conf-dir", missing.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("Error: Configuration directory '" + missing + "' does not exist");
    }

    @Test
    void reportsEveryBadValue() throws IOException {
        writeConfig("""
                high-availability.jobmanager.port: 50025-50000
                jobmanager.memory.process.size: lots
                """);

        CliRun run = CliRun.spindle("config", "--conf-dir", confDir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("Error: Invalid value"));
    }

    @Test
    void explainsAnOption() {
        CliRun run = CliRun.spindle("config", "--explain", "high-availability.zookeeper.client.retry-wait");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines())
                .contains("Key:            high-availability.zookeeper.client.retry-wait",
                        "Type:           Duration (a duration such as '5 s', '500 ms' or '1 min')",
                        "Default:        5 s",
                        "Fallback keys:  (none)")
                .anySatisfy(line -> assertThat(line).startsWith("Description:    How long to wait before retrying"));
    }

    @Test
    void explainsADeprecatedKeyThroughItsOption() {
        CliRun run = CliRun.spindle("config", "--explain", "high-availability");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).contains("'high-availability' is a deprecated key of 'high-availability.type'.",
                "Key:            high-availability.type", "Default:        none",
                "Fallback keys:  high-availability (deprecated)");
    }

    @Test
    void explainingAnUnknownKeySuggestsTheNearestOne() {
        CliRun run = CliRun.spindle("config", "--explain", "high-availability.zookeeper.quorom");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("Error: Unknown key 'high-availability.zookeeper.quorom'; did you"
                + " mean 'high-availability.zookeeper.quorum'?");
    }

    private static String quote(String text) {
        return java.util.regex.Pattern.quote(text);
    }
}
