package io.spindle.cli;

import io.spindle.yarn.client.HadoopConfigurationLocator;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds the {@link YarnClusterDeployer} of a CLI command: the Hadoop configuration found the usual
 * way, the distribution's {@code lib/} and the conf dir's {@code log4j2.xml} for the containers,
 * progress lines to the command's output. Stateless.
 */
public final class DeployerFactory {

    private DeployerFactory() {}

    /**
     * @param confDir the configuration directory, whose {@code log4j2.xml} the containers get
     * @param conf the client's configuration (where application secret files are kept)
     * @param out receives the deployer's progress lines
     * @throws Exception if no Hadoop configuration is found or the deployer cannot be built
     */
    public static YarnClusterDeployer create(Path confDir, io.spindle.configuration.Configuration conf, PrintWriter out)
            throws Exception {
        HadoopConfigurationLocator.Located hadoop = new HadoopConfigurationLocator(System::getenv).locate();
        YarnClusterDeployer.Builder builder = YarnClusterDeployer.builder(hadoop.configuration())
                .clientConfiguration(conf)
                .console(line -> {
                    out.println(line);
                    out.flush();
                });
        Path log4j = confDir.resolve("log4j2.xml");
        if (Files.isRegularFile(log4j)) {
            builder.log4jConfig(log4j);
        }
        libDir().ifPresent(builder::libDir);
        return builder.build();
    }

    /** The distribution's examples jar, if this runs from a distribution. */
    public static Optional<Path> examplesJar() {
        String home = System.getProperty("spindle.home");
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        try (var files = Files.list(Path.of(home, "examples"))) {
            return files.filter(p -> p.getFileName().toString().matches("spindle-examples.*\\.jar")).findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> libDir() {
        String lib = System.getenv("SPINDLE_LIB_DIR");
        if (lib != null && !lib.isBlank()) {
            return Optional.of(Path.of(lib));
        }
        String home = System.getProperty("spindle.home");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, "lib"));
    }
}
