package io.spindle.yarn.am;

import io.spindle.util.Messages;
import java.util.Objects;

/**
 * A check the ApplicationMaster runs before its JobManager starts found something it cannot work
 * with. The message is one line naming the key, value and host to fix; {@link #kind()} says whether
 * the configuration itself is wrong or the environment it points at refused (see {@link StartupErrors}).
 */
final class StartupCheckException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What is wrong. */
    enum Kind {
        /** The configuration is wrong: every attempt reads the same configuration and fails the same way. */
        CONFIGURATION,
        /** The environment the configuration names refuses (unknown host, permission denied). */
        ENVIRONMENT
    }

    private final Kind kind;

    /**
     * @param kind what is wrong
     * @param message one line naming the key, value and host; line breaks are collapsed
     * @param cause the underlying error
     */
    StartupCheckException(Kind kind, String message, Throwable cause) {
        super(Messages.oneLine(message), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** @return what is wrong */
    Kind kind() {
        return kind;
    }
}
