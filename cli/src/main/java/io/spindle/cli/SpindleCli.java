package io.spindle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.spindle.cli.localcluster.LocalClusterCommand;
import java.util.ServiceLoader;

/**
 * The {@code spindle} command line: the one entry point of the distribution ({@code bin/spindle}).
 *
 * <p>Each subcommand is a class of its own (but for the local cluster's control commands, methods of
 * {@link LocalClusterCommand}); further ones (benchmarks, the demo) are added by the
 * {@link CommandExtension}s on the classpath. Errors that a user can act on (bad configuration,
 * bad arguments, unreachable services) are printed as a single {@code Error: ...} line on
 * standard error with a non-zero exit code ({@link CliErrorHandler}, {@link ExitCodes}); a stack
 * trace is printed only with {@code --verbose} on the root command or {@code SPINDLE_CLI_VERBOSE=true}
 * in the environment.
 *
 * <p>Not thread-safe; one instance serves one invocation.
 */
@Command(
        name = "spindle",
        mixinStandardHelpOptions = true,
        versionProvider = SpindleVersion.class,
        description = "Highly available, stateful jobs on Hadoop YARN.",
        subcommands = {CommandLine.HelpCommand.class, ConfigCommand.class, HaCommand.class,
                RunCommand.class, ListCommand.class, CancelCommand.class, LocalClusterCommand.class})
public final class SpindleCli {

    @CommandLine.Option(names = "--verbose", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    /**
     * Builds the command line with Spindle's error handling: one line per error, non-zero exit.
     *
     * @return a ready-to-execute command line
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SpindleCli());
        for (CommandExtension extension : ServiceLoader.load(CommandExtension.class, SpindleCli.class.getClassLoader())) {
            add(cli, extension);
        }
        cli.setExecutionExceptionHandler(new CliErrorHandler());
        // Everything after the jar belongs to the job, options included.
        cli.getSubcommands().get("run").setStopAtPositional(true);
        return cli;
    }

    private static void add(CommandLine root, CommandExtension extension) {
        CommandLine parent = root;
        for (String name : extension.parentPath()) {
            parent = parent.getSubcommands().get(name);
            if (parent == null) {
                throw new IllegalStateException(extension.getClass().getName() + " extends the unknown command "
                        + String.join(" ", extension.parentPath()));
            }
        }
        parent.addSubcommand(extension.newCommand());
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the command line arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
