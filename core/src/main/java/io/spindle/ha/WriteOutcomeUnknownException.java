package io.spindle.ha;

import java.io.IOException;

/**
 * A write to the HA backend whose answer was lost (connection loss, timeout): it may or may not
 * have been applied. Callers must not treat the write as refused; those that must know re-read
 * what they wrote. Any other {@link IOException} of a store write means nothing was applied.
 */
public class WriteOutcomeUnknownException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which write, on which entry
     * @param cause   the backend's failure
     */
    public WriteOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
