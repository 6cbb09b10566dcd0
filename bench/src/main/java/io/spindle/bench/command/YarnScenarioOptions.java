package io.spindle.bench.command;

import io.spindle.cli.ConfigurationMixin;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that run the examples on the YARN cluster of {@code HADOOP_CONF_DIR}
 * ({@code spindle demo}, {@code spindle bench chaos}, {@code soak}, {@code yarn-failover}, {@code yarn-submit}):
 * the configuration ({@code --conf-dir}, {@code -D}) and the examples jar ({@code --jar}). Add
 * with {@code @Mixin YarnScenarioOptions yarn;} and call {@link #open()}.
 *
 * <p>Not thread-safe: picocli fills it in for one invocation.
 */
public final class YarnScenarioOptions {

    @Mixin
    ConfigurationMixin configuration;

    @Mixin
    ExamplesJarOption examplesJar;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * What the command sets up first, reporting to its standard output; see
     * {@link YarnScenarioSetup#open}.
     *
     * @throws Exception as {@link YarnScenarioSetup#open}
     */
    YarnScenarioSetup open() throws Exception {
        return YarnScenarioSetup.open(configuration, examplesJar, command.commandLine().getOut());
    }
}
