package io.spindle.standalone;

import io.spindle.configuration.IllegalConfigurationException;

/**
 * A cluster file ({@code masters}, {@code workers}, {@code zoo.cfg}) is missing, unreadable or has a
 * bad line. The message reads {@code <file>, line <n>: <reason>}, or {@code <file>: <reason>} when
 * the problem is not on one line (a missing key, an empty file).
 */
public final class ConfigFileException extends IllegalConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String reason;

    private ConfigFileException(String file, int line, String reason, Throwable cause) {
        super(line > 0 ? file + ", line " + line + ": " + reason : file + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** A problem on line {@code line} (1-based) of {@code file}. */
    public static ConfigFileException atLine(String file, int line, String reason) {
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more: " + line);
        }
        return new ConfigFileException(file, line, reason, null);
    }

    /** A problem of the whole file, on no single line. */
    public static ConfigFileException inFile(String file, String reason) {
        return new ConfigFileException(file, 0, reason, null);
    }

    /** The file cannot be read. */
    public static ConfigFileException unreadable(String file, String reason, Throwable cause) {
        return new ConfigFileException(file, 0, reason, cause);
    }

    /** The file as it was named to the parser. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is not on one line. */
    public int line() {
        return line;
    }

    /** What is wrong, without file and line. */
    public String reason() {
        return reason;
    }
}
