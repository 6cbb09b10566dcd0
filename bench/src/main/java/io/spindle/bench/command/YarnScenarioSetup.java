package io.spindle.bench.command;

import io.spindle.bench.yarn.FailoverScenario;
import io.spindle.bench.yarn.SessionFailoverScenario;
import io.spindle.cli.ConfigurationMixin;
import io.spindle.cli.DeployerFactory;
import io.spindle.cli.WriterOutputStream;
import io.spindle.configuration.Configuration;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What the commands that run the examples on YARN ({@code spindle demo}, the YARN benches; see
 * {@link YarnScenarioOptions}) set up first: the examples jar, the configuration, a print
 * stream on the command's output and a deployer on the cluster of {@code HADOOP_CONF_DIR}.
 * Closing it closes the deployer. Not thread-safe; one command uses it.
 *
 * @param examples the examples jar
 * @param conf     the loaded configuration
 * @param out      the command's output, as a print stream for {@link FailoverScenario}
 * @param deployer a deployer on the cluster of {@code HADOOP_CONF_DIR}
 */
record YarnScenarioSetup(Path examples, Configuration conf, PrintStream out, YarnClusterDeployer deployer)
        implements AutoCloseable {

    /**
     * Resolves the jar, loads the configuration and connects the deployer.
     *
     * @param writer the command's standard output
     * @throws IllegalArgumentException if no examples jar is found
     * @throws io.spindle.configuration.IllegalConfigurationException if the configuration is invalid
     * @throws Exception if the deployer cannot be created
     */
    static YarnScenarioSetup open(ConfigurationMixin configuration, ExamplesJarOption examplesJar, PrintWriter writer)
            throws Exception {
        Path examples = examplesJar.resolve();
        Configuration conf = configuration.load();
        PrintStream out = new PrintStream(new WriterOutputStream(writer), true);
        return new YarnScenarioSetup(examples, conf, out, DeployerFactory.create(configuration.confDir(), conf, writer));
    }

    /** A new scenario run on this cluster with this configuration and jar, reporting to {@link #out()}. */
    FailoverScenario scenario() {
        return new FailoverScenario(deployer, conf, examples, out);
    }

    /** A new session scenario run on this cluster with this configuration and jar, reporting to {@link #out()}. */
    SessionFailoverScenario sessionScenario() {
        return new SessionFailoverScenario(deployer, conf, examples, out);
    }

    /**
     * Checks a counting job's output on the cluster's file system ({@link CountingOutputCheck}).
     *
     * @throws Exception if it cannot be read
     */
    CountingOutputCheck.Result check(String output, int parallelism, long count) throws Exception {
        return CountingOutputCheck.verify(examples, deployer.yarnClient().getConfig(), output, parallelism, count);
    }

    @Override
    public void close() {
        deployer.close();
    }
}
