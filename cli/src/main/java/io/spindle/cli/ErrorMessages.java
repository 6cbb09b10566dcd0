package io.spindle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns an exception into the one line a user reads, and into the command's exit code.
 *
 * <p>The line joins the messages of the exception's cause chain (skipping repeats), so that the
 * key, file or host named deep in the chain reaches the user. Stateless and thread-safe.
 */
final class ErrorMessages {

    private ErrorMessages() {
    }

    static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder();
        int parts = 0;
        for (Throwable t = e; t != null && parts < 3; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                continue;
            }
            String flat = message.strip().replaceAll("\\s*\\R\\s*", " ");
            if (line.indexOf(flat) < 0) {
                line.append(line.length() == 0 ? "" : ": ").append(flat);
                parts++;
            }
        }
        return line.length() == 0 ? e.getClass().getSimpleName() : line.toString();
    }

    static int exitCode(Throwable e) {
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return SpindleCli.EXIT_SERVICE_FAILURE;
        }
        return SpindleCli.EXIT_USAGE_OR_CONFIG;
    }
}
