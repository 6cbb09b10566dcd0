package io.spindle.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The outcome of one command-line run in a test: exit code and captured output. Also used by the bench
 * module's command tests (the cli test-jar).
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code args} on {@code cli}, capturing standard output and error. */
    public static CliRun of(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Runs {@code spindle args...} through the real root command. */
    public static CliRun spindle(String... args) {
        return of(SpindleCli.commandLine(), args);
    }

    /** Standard output, line by line; empty if there was none. */
    public List<String> outLines() {
        return lines(out);
    }

    /** Standard error, line by line; empty if there was none. */
    public List<String> errLines() {
        return lines(err);
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
    }
}
