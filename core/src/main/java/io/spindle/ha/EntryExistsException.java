package io.spindle.ha;

import java.io.IOException;

/** A {@link PointerStore#put} of a name that is taken: nothing was written. */
public class EntryExistsException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which entry of which area
     * @param cause   the backend's failure, or null
     */
    public EntryExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
