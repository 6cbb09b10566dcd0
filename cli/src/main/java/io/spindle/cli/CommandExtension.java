package io.spindle.cli;

import java.util.List;

/**
 * A subcommand that another module adds to {@code spindle} (the benchmarks and the demo do), found
 * at start-up through {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/io.spindle.cli.CommandExtension} of its jar. The CLI module does not
 * depend on the modules that extend it.
 *
 * <p>Implementations need a public no-argument constructor and must be stateless.
 */
public interface CommandExtension {

    /**
     * The names of the commands, below the root, that the new command goes under: empty for
     * {@code spindle <command>} (the default), {@code ["ha"]} for {@code spindle ha <command>}.
     */
    default List<String> parentPath() {
        return List.of();
    }

    /** A new instance of the command: a class annotated with picocli's {@code @Command}. */
    Object newCommand();
}
