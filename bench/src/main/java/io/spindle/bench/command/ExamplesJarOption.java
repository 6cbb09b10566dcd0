package io.spindle.bench.command;

import io.spindle.cli.DeployerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --jar JAR}: the examples jar of commands that run the counting example (demo, benches);
 * the distribution's own when not given. Add with {@code @Mixin ExamplesJarOption examples;}.
 */
public final class ExamplesJarOption {

    @Option(names = "--jar", paramLabel = "JAR", description = "The examples jar (default: the distribution's).")
    Path jar;

    /**
     * @return the jar to use, an existing file
     * @throws IllegalArgumentException when none was given and the distribution has none, or the
     *                                  jar is no file
     */
    Path resolve() {
        Path chosen = jar != null ? jar : DeployerFactory.examplesJar().orElse(null);
        if (chosen == null || !Files.isRegularFile(chosen)) {
            throw new IllegalArgumentException("examples jar not found" + (chosen == null ? "" : " at " + chosen)
                    + ": pass --jar PATH");
        }
        return chosen;
    }
}
