package io.spindle.cli;

import io.spindle.util.Messages;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How every Spindle command line reports a failed command: one {@code Error: ...} line on standard
 * error (the messages of the cause chain, see {@link Messages#oneLine(Throwable)}), a stack trace
 * only with {@code --verbose} or {@code SPINDLE_CLI_VERBOSE=true}, and the exit code of
 * {@link ExitCodes#of}. Stateless and thread-safe.
 */
public final class CliErrorHandler implements CommandLine.IExecutionExceptionHandler {

    /** The environment variable that turns on stack traces. */
    public static final String VERBOSE_ENV = "SPINDLE_CLI_VERBOSE";

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("Error: " + Messages.oneLine(e));
        if (verbose(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(e);
    }

    private static boolean verbose(CommandLine.ParseResult parseResult) {
        return "true".equalsIgnoreCase(System.getenv(VERBOSE_ENV))
                || (parseResult != null && parseResult.expandedArgs().contains("--verbose"));
    }
}
