package io.spindle.configuration;

import io.spindle.util.Messages;

/**
 * A configuration value is missing, malformed or contradictory, or a configuration file cannot be
 * read.
 *
 * <p>The message is always a single line that names what is wrong and where it came from (key,
 * file and line, or {@code -D}), so that a command line can print it as is. Line breaks in the
 * message given to the constructor are replaced by spaces.
 */
public class IllegalConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code message} is collapsed onto one line. */
    public IllegalConfigurationException(String message) {
        super(oneLine(message));
    }

    /** Creates the exception with its cause; {@code message} is collapsed onto one line. */
    public IllegalConfigurationException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null ? null : Messages.oneLine(message);
    }
}
