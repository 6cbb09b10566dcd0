package io.spindle.bench.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.JobManagerOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The options the YARN scenario commands share through {@link YarnScenarioOptions}: each command
 * takes them, and the nested configuration mixin reports to the command's own error stream.
 */
class YarnScenarioOptionsTest {

    @TempDir
    Path temp;

    @Test
    void everyYarnScenarioCommandTakesTheConfigurationAndTheJar() throws Exception {
        Path jar = Files.writeString(temp.resolve("examples.jar"), "PK");
        for (Object command : new Object[] {new DemoCommand(), new ChaosBenchCommand(), new FailoverBenchCommand(),
                new SubmitBenchCommand()}) {
            CommandLine cli = new CommandLine(command);
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));

            cli.parseArgs("--conf-dir", temp.toString(), "-D", "rest.port=7123", "-D", "no.such.key=1", "--jar",
                    jar.toString());
            YarnScenarioOptions yarn = cli.getCommandSpec().mixins().values().stream()
                    .map(spec -> spec.userObject()).filter(YarnScenarioOptions.class::isInstance)
                    .map(YarnScenarioOptions.class::cast).findFirst().orElseThrow();

            Configuration conf = yarn.configuration.load();
            assertThat(conf.get(JobManagerOptions.REST_PORT)).as(cli.getCommandName()).isEqualTo(7123);
            assertThat(err.toString()).as(cli.getCommandName()).contains("Warning: ").contains("no.such.key");
            assertThat(yarn.examplesJar.resolve()).isEqualTo(jar);
            assertThat(yarn.command.commandLine()).isSameAs(cli);
        }
    }
}
