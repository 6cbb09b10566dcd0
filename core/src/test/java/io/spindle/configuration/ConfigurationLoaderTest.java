package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigurationLoaderTest {

    @TempDir
    Path confDir;

    private final ConfigurationLoader loader = new ConfigurationLoader();

    private Path configFile() {
        return confDir.resolve("config.yaml");
    }

    private LoadedConfiguration load(String yaml) throws IOException {
        return load(yaml, Map.of());
    }

    private LoadedConfiguration load(String yaml, Map<String, String> dynamic) throws IOException {
        Files.writeString(configFile(), yaml);
        return loader.load(confDir, dynamic);
    }

    @Test
    void readsFlatKeysWithTheirLines() throws IOException {
        Configuration conf = load("""
                # comment
                high-availability.type: zookeeper
                high-availability.zookeeper.quorum: zk1:2181,zk2:2181
                high-availability.zookeeper.client.retry-wait: 10 s
                """).configuration();

        assertThat(conf.get(HighAvailabilityOptions.TYPE)).isEqualTo(HighAvailabilityType.ZOOKEEPER);
        assertThat(conf.get(HighAvailabilityOptions.ZOOKEEPER_QUORUM)).isEqualTo("zk1:2181,zk2:2181");
        assertThat(conf.get(HighAvailabilityOptions.ZOOKEEPER_RETRY_WAIT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(conf.origin("high-availability.type")).contains(ValueOrigin.file(configFile(), 2));
        assertThat(conf.origin("high-availability.zookeeper.client.retry-wait"))
                .contains(ValueOrigin.file(configFile(), 4));
    }

    @Test
    void flattensNestedMappingsIntoDottedKeys() throws IOException {
        Configuration conf = load("""
                high-availability:
                  type: zookeeper
                  zookeeper:
                    quorum: zk1:2181
                    client:
                      max-retry-attempts: 7
                """).configuration();

        assertThat(conf.toMap()).containsExactly(
                Map.entry("high-availability.type", "zookeeper"),
                Map.entry("high-availability.zookeeper.client.max-retry-attempts", "7"),
                Map.entry("high-availability.zookeeper.quorum", "zk1:2181"));
        assertThat(conf.get(HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_ATTEMPTS)).isEqualTo(7);
        assertThat(conf.origin("high-availability.zookeeper.client.max-retry-attempts"))
                .contains(ValueOrigin.file(configFile(), 6));
    }

    @Test
    void acceptsFlatAndNestedKeysMixedAndFlowStyle() throws IOException {
        LoadedConfiguration loaded = load("""
                high-availability.type: zookeeper
                high-availability.zookeeper: {quorum: "zk1:2181", path.root: /flink}
                high-availability:
                  cluster-id: /cluster_one
                jobmanager.memory:
                  process.size: 2g
                """);
        Configuration conf = loaded.configuration();

        assertThat(conf.get(HighAvailabilityOptions.ZOOKEEPER_QUORUM)).isEqualTo("zk1:2181");
        assertThat(conf.get(HighAvailabilityOptions.ZOOKEEPER_ROOT)).isEqualTo("/flink");
        assertThat(conf.get(HighAvailabilityOptions.CLUSTER_ID)).isEqualTo("/cluster_one");
        assertThat(conf.get(JobManagerOptions.PROCESS_SIZE)).isEqualTo(MemorySize.parse("2 gb"));
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void joinsYamlListsWithCommas() throws IOException {
        Configuration conf = load("""
                yarn.tags:
                  - streaming
                  - team-a
                security.kerberos.login.contexts: [Client, KafkaClient]
                """).configuration();

        assertThat(conf.get(YarnOptions.TAGS)).containsExactly("streaming", "team-a");
        assertThat(conf.get(SecurityOptions.KERBEROS_LOGIN_CONTEXTS)).containsExactly("Client", "KafkaClient");
        assertThat(conf.entry("yarn.tags")).map(ConfigEntry::rawValue).contains("streaming,team-a");
    }

    @Test
    void leavesEmptyValuesUnset() throws IOException {
        Configuration conf = load("""
                high-availability.zookeeper.quorum:
                high-availability.storageDir: ~
                """).configuration();
        assertThat(conf.toMap()).isEmpty();
    }

    @Test
    void keepsTheTextOfScalarsAsWritten() throws IOException {
        Configuration conf = load("""
                rest.port: 0x1F
                yarn.application.name: "my: job"
                zookeeper.sasl.disable: TRUE
                """).configuration();
        assertThat(conf.toMap()).containsEntry("rest.port", "0x1F").containsEntry("yarn.application.name", "my: job");
        assertThat(conf.get(SecurityOptions.ZOOKEEPER_SASL_DISABLE)).isTrue();
    }

    @Test
    void dynamicPropertiesOverrideTheFile() throws IOException {
        Map<String, String> dynamic = new LinkedHashMap<>();
        dynamic.put("rest.port", "9091");
        dynamic.put("yarn.application.queue", " batch ");
        Configuration conf = load("""
                rest.port: 8082
                taskmanager.numberOfTaskSlots: 4
                """, dynamic).configuration();

        assertThat(conf.get(JobManagerOptions.REST_PORT)).isEqualTo(9091);
        assertThat(conf.origin("rest.port")).contains(ValueOrigin.DYNAMIC);
        assertThat(conf.get(YarnOptions.APPLICATION_QUEUE)).isEqualTo("batch");
        assertThat(conf.get(TaskManagerOptions.NUMBER_OF_TASK_SLOTS)).isEqualTo(4);
        assertThat(conf.origin("taskmanager.numberOfTaskSlots")).contains(ValueOrigin.file(configFile(), 2));
    }

    @Test
    void warnsAboutUnknownKeysWithASuggestion() throws IOException {
        LoadedConfiguration loaded = load("""
                high-availability.type: zookeeper
                high-availability.zookeeper.quorom: zk1:2181
                completely.made.up: 1
                """, Map.of("rest.prot", "9091"));

        assertThat(loaded.warnings()).containsExactly(
                "Unknown key 'high-availability.zookeeper.quorom' (" + configFile()
                        + ", line 2); did you mean 'high-availability.zookeeper.quorum'?",
                "Unknown key 'completely.made.up' (" + configFile() + ", line 3)",
                "Unknown key 'rest.prot' (-D); did you mean 'rest.port'?");
        assertThat(loaded.configuration().toMap()).containsKey("completely.made.up");
    }

    @Test
    void readsDeprecatedKeysAndWarns() throws IOException {
        LoadedConfiguration loaded = load("high-availability: zookeeper\n");

        assertThat(loaded.configuration().get(HighAvailabilityOptions.TYPE)).isEqualTo(HighAvailabilityType.ZOOKEEPER);
        assertThat(loaded.warnings()).containsExactly("Key 'high-availability' (" + configFile()
                + ", line 1) is deprecated; use 'high-availability.type' instead");
    }

    @Test
    void aQuietLoaderReturnsTheSameWarnings() throws IOException {
        Files.writeString(configFile(), "rest.prot: 1\n");
        LoadedConfiguration quiet = loader.withWarningsLogged(false).load(confDir, Map.of());
        assertThat(quiet.warnings()).isEqualTo(loader.load(confDir, Map.of()).warnings()).hasSize(1);
    }

    @Test
    void aDeprecatedKeyLosesToItsReplacement() throws IOException {
        LoadedConfiguration loaded = load("high-availability: zookeeper\n", Map.of("high-availability.type", "none"));

        assertThat(loaded.configuration().get(HighAvailabilityOptions.TYPE)).isEqualTo(HighAvailabilityType.NONE);
        assertThat(loaded.warnings()).singleElement().asString()
                .endsWith("is deprecated; use 'high-availability.type' instead (it is ignored:"
                        + " 'high-availability.type' is set too)");
    }

    static Stream<Arguments> badValues() {
        String ports = "expected a port (0 for any free port), a range or a list such as '50010',"
                + " '50000-50025' or '50010,50020-50025'";
        return Stream.of(
                Arguments.of("""
                        high-availability.type: zookeeper
                        high-availability.zookeeper.quorum: zk1:2181
                        high-availability.zookeeper.client.retry-wait: 5 parsecs
                        """, "high-availability.zookeeper.client.retry-wait", "5 parsecs", 3,
                        "expected a duration such as '5 s', '500 ms' or '1 min'"),
                Arguments.of("taskmanager.memory.process.size: 2 gigs\n", "taskmanager.memory.process.size", "2 gigs",
                        1, "expected a memory size such as '1600m', '512 mb' or '1 gb'"),
                Arguments.of("high-availability.jobmanager.port: 50025-50000\n", "high-availability.jobmanager.port",
                        "50025-50000", 1, ports + "; the range 50025-50000 starts above its end"),
                Arguments.of("high-availability.jobmanager.port: 70000\n", "high-availability.jobmanager.port",
                        "70000", 1, ports + "; port 70000 is outside 0..65535"),
                Arguments.of("high-availability.jobmanager.port: abc\n", "high-availability.jobmanager.port",
                        "abc", 1, ports));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void validateReportsABadValueWithFileAndLine(String yaml, String key, String value, int line, String expectation)
            throws IOException {
        LoadedConfiguration loaded = load(yaml);

        assertThat(loader.validate(loaded.configuration())).extracting(Throwable::getMessage).containsExactly(
                "Invalid value '" + value + "' for key '" + key + "' (" + configFile() + ", line " + line + "): "
                        + expectation);
    }

    @Test
    void validateIsEmptyForAValidConfiguration() throws IOException {
        LoadedConfiguration loaded = load("""
                high-availability.jobmanager.port: 50010,50020-50025
                jobmanager.memory.process.size: 1024m
                heartbeat.timeout: 1 min
                yarn.application-attempts: 4
                """);
        assertThat(loader.validate(loaded.configuration())).isEmpty();
        assertThat(loaded.configuration().get(HighAvailabilityOptions.JOB_MANAGER_PORT).size()).isEqualTo(7);
    }

    static Stream<Arguments> yamlSyntaxErrors() {
        return Stream.of(
                Arguments.of("""
                        high-availability.type: zookeeper
                        high-availability.zookeeper.quorum: zk1:2181
                          rest.port: 8081: 9
                        """, ", line 3, column "),
                Arguments.of("""
                        rest.port: 8081
                        yarn.application.name: "unclosed
                        """, ", line "));
    }

    @ParameterizedTest
    @MethodSource("yamlSyntaxErrors")
    void aYamlSyntaxErrorIsOneLineNamingFileAndLine(String yaml, String where) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageStartingWith("Invalid YAML (" + configFile() + where)
                .hasMessageNotContaining("\n");
    }

    static Stream<Arguments> duplicateKeys() {
        return Stream.of(
                Arguments.of("""
                        rest.port: 8081
                        high-availability.type: zookeeper
                        rest.port: 8082
                        """, "rest.port"),
                Arguments.of("""
                        high-availability.type: zookeeper
                        high-availability:
                          type: none
                        """, "high-availability.type"));
    }

    /** A key written twice, the second time flat or nested, is an error naming both lines. */
    @ParameterizedTest
    @MethodSource("duplicateKeys")
    void aDuplicateKeyNamesBothLines(String yaml, String key) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("Duplicate key '" + key + "' (" + configFile() + ", line 3): already set on line 1");
    }

    @Test
    void rejectsAFileThatIsNotAMapping() throws IOException {
        assertThatThrownBy(() -> load("- a\n- b\n"))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("Invalid configuration (" + configFile()
                        + ", line 1): expected 'key: value' entries at the top level");
        assertThatThrownBy(() -> load("yarn.tags:\n  - {a: b}\n"))
                .hasMessage("Invalid configuration (" + configFile()
                        + ", line 2): the list of 'yarn.tags' may only hold plain values");
    }

    @Test
    void anEmptyFileOrMissingFileGivesAnEmptyConfiguration() throws IOException {
        assertThat(load("# nothing but a comment\n").configuration().toMap()).isEmpty();
        Files.delete(configFile());
        LoadedConfiguration loaded = loader.load(confDir, Map.of("rest.port", "1"));
        assertThat(loaded.configuration().toMap()).containsExactly(Map.entry("rest.port", "1"));
    }

    @Test
    void aMissingConfDirectoryIsAnErrorNamingIt() {
        Path missing = confDir.resolve("nope");
        assertThatThrownBy(() -> loader.load(missing, Map.of()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("Configuration directory '" + missing + "' does not exist");
    }

    @Test
    void aFileInPlaceOfTheConfDirectoryIsAnError() throws IOException {
        Path file = Files.writeString(confDir.resolve("file"), "");
        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .hasMessage("Configuration directory '" + file + "' is not a directory");
    }

    @Test
    void anEmptyDynamicKeyIsAnError() {
        assertThatThrownBy(() -> loader.loadDynamicOnly(Map.of(" ", "x")))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("the key is empty");
    }

    @Test
    void theShippedConfigFileIsValid() {
        Path root = RepositoryRoot.find();
        LoadedConfiguration loaded = loader.load(root.resolve("conf"), Map.of());
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loader.validate(loaded.configuration())).isEmpty();
    }
}
