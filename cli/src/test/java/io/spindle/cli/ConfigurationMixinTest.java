package io.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.configuration.ValueOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ConfigurationMixinTest {

    /** A subcommand as others will write it: loads the configuration and keeps it. */
    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Mixin
        final ConfigurationMixin configuration;

        Configuration loaded;

        Probe(Map<String, String> environment) {
            configuration = new ConfigurationMixin(environment::get);
        }

        @Override
        public Integer call() {
            loaded = configuration.load();
            return 0;
        }
    }

    @TempDir
    Path temp;

    private Probe probe;
    private Path envConfDir;

    @BeforeEach
    void useATestEnvironment() throws IOException {
        envConfDir = Files.createDirectory(temp.resolve("env-conf"));
        Files.writeString(envConfDir.resolve("config.yaml"), "rest.port: 7000\n");
        probe = new Probe(Map.of("SPINDLE_CONF_DIR", envConfDir.toString()));
    }

    private CliRun run(String... args) {
        CommandLine cli = new CommandLine(probe);
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("Error: " + e.getMessage());
            return 1;
        });
        return CliRun.of(cli, args);
    }

    @Test
    void readsTheDirectoryNamedBySpindleConfDir() {
        CliRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(probe.loaded.get(JobManagerOptions.REST_PORT)).isEqualTo(7000);
        assertThat(probe.configuration.confDir()).isEqualTo(envConfDir);
    }

    @Test
    void confDirOptionOverridesTheEnvironment() throws IOException {
        Path other = Files.createDirectory(temp.resolve("other"));
        Files.writeString(other.resolve("config.yaml"), "rest.port: 7001\n");

        run("--conf-dir", other.toString());

        assertThat(probe.loaded.get(JobManagerOptions.REST_PORT)).isEqualTo(7001);
    }

    @Test
    void dynamicPropertiesOverrideTheFileAndRepeat() {
        run("-D", "rest.port=7002", "-Drest.address=example.org");

        assertThat(probe.loaded.get(JobManagerOptions.REST_PORT)).isEqualTo(7002);
        assertThat(probe.loaded.origin("rest.port")).contains(ValueOrigin.DYNAMIC);
        assertThat(probe.loaded.get(JobManagerOptions.REST_ADDRESS)).isEqualTo("example.org");
        assertThat(probe.configuration.dynamicProperties()).containsExactly(
                Map.entry("rest.port", "7002"), Map.entry("rest.address", "example.org"));
    }

    @Test
    void aMissingDirectoryNamedInTheEnvironmentIsAnError() {
        Path missing = temp.resolve("gone");
        probe = new Probe(Map.of("SPINDLE_CONF_DIR", missing.toString()));

        CliRun run = run();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("Error: Configuration directory '" + missing + "' does not exist");
    }

    @Test
    void printsWarningsAndThrowsTheFirstErrorWithTheOthersSuppressed() throws IOException {
        Path file = Files.writeString(envConfDir.resolve("config.yaml"), """
                rest.port: many
                rest.prot: 1
                taskmanager.numberOfTaskSlots: some
                """);
        List<Exception> thrown = new ArrayList<>();
        CommandLine cli = new CommandLine(probe);
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            thrown.add(e);
            return 1;
        });

        CliRun run = CliRun.of(cli);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "Warning: Unknown key 'rest.prot' (" + file + ", line 2); did you mean 'rest.port'?");
        assertThat(thrown).singleElement()
                .isInstanceOf(IllegalConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("Invalid value 'many' for key 'rest.port'"))
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .startsWith("Invalid value 'some' for key 'taskmanager.numberOfTaskSlots'"));
    }
}
