package io.spindle.ha.storage;

import java.io.IOException;

/**
 * Recovery state that cannot be trusted: a file named by a pointer is missing or does not match
 * the pointer's length and checksum, or a pointer itself is not readable.
 *
 * <p>The message always names the file or znode ({@link #location()}) and, for a mismatch, the
 * expected and actual length and checksum. Callers that can fall back (an older checkpoint) must
 * do so loudly; none may treat this as "no state".
 */
public class StateFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong. */
    public enum Kind {
        /** The file a pointer names does not exist. */
        MISSING,
        /** The file exists but its length or checksum differs from the pointer's, or its content is unreadable. */
        CORRUPT,
        /** The pointer (znode data) is not a valid encoding. */
        INVALID_POINTER
    }

    private final Kind kind;
    private final String location;

    /**
     * @param kind     what is wrong
     * @param location the file or znode concerned
     * @param message  the full message; it must name {@code location}
     * @param cause    the underlying failure, or null
     */
    public StateFileException(Kind kind, String location, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.location = location;
    }

    /**
     * @param kind     what is wrong
     * @param location the file or znode concerned
     * @param message  the full message; it must name {@code location}
     */
    public StateFileException(Kind kind, String location, String message) {
        this(kind, location, message, null);
    }

    /** @return what is wrong */
    public Kind kind() {
        return kind;
    }

    /** @return the file path or znode path concerned */
    public String location() {
        return location;
    }
}
