package io.spindle.runtime.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.JobManagerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class DaemonConfigurationOptionsTest {

    @TempDir
    Path confDir;

    @Command(name = "daemon")
    static final class Daemon {
        @Mixin
        DaemonConfigurationOptions configuration;
    }

    @Test
    void readsConfigYamlOfTheConfDirWithDynamicPropertiesOnTop() throws Exception {
        Files.writeString(confDir.resolve("config.yaml"), "jobmanager.rpc.address: from-file\nrest.port: 1111\n");
        Daemon daemon = new Daemon();

        new CommandLine(daemon).parseArgs("--conf-dir", confDir.toString(), "-D", "rest.port=2222");
        Configuration conf = daemon.configuration.load();

        assertThat(conf.get(JobManagerOptions.RPC_ADDRESS)).isEqualTo("from-file");
        assertThat(conf.get(JobManagerOptions.REST_PORT)).isEqualTo(2222);
    }
}
