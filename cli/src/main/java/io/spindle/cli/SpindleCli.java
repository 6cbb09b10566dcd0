package io.spindle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code spindle} command line: the one entry point of the distribution ({@code bin/spindle}).
 *
 * <p>Each subcommand is a class of its own. Errors that a user can act on (bad configuration,
 * bad arguments, unreachable services) are printed as a single {@code Error: ...} line on
 * standard error with a non-zero exit code; a stack trace is printed only with {@code --verbose}
 * on the root command or {@code SPINDLE_CLI_VERBOSE=true} in the environment.
 *
 * <p>Not thread-safe; one instance serves one invocation.
 */
@Command(
        name = "spindle",
        mixinStandardHelpOptions = true,
        versionProvider = SpindleVersion.class,
        description = "Highly available, stateful jobs on Hadoop YARN.",
        subcommands = {CommandLine.HelpCommand.class, ConfigCommand.class, HaCommand.class, BenchCommand.class, DemoCommand.class,
                RunCommand.class, ListCommand.class, CancelCommand.class})
public final class SpindleCli {

    /** Exit code for errors in the user's input: configuration, arguments, files. */
    public static final int EXIT_USAGE_OR_CONFIG = 1;

    /** Exit code for failures of a service Spindle depends on (ZooKeeper, HDFS, YARN). */
    public static final int EXIT_SERVICE_FAILURE = 3;

    @CommandLine.Option(names = "--verbose", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    /**
     * Builds the command line with Spindle's error handling: one line per error, non-zero exit.
     *
     * @return a ready-to-execute command line
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SpindleCli());
        cli.setExecutionExceptionHandler(SpindleCli::handleExecutionException);
        // Everything after the jar belongs to the job, options included.
        cli.getSubcommands().get("run").setStopAtPositional(true);
        return cli;
    }

    private static int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("Error: " + ErrorMessages.oneLine(e));
        boolean verbose = "true".equalsIgnoreCase(System.getenv("SPINDLE_CLI_VERBOSE"))
                || parseResult.expandedArgs().contains("--verbose");
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ErrorMessages.exitCode(e);
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
