package io.spindle.ha;

/**
 * The state of a process's connection to its HA backend, in backend-neutral terms. A connection
 * starts {@link #CONNECTED}; an outage makes it {@link #SUSPENDED}; it comes back
 * {@link #RECONNECTED} if the backend kept the session, or turns {@link #LOST} if the session
 * ended (everything tied to it, such as a leadership, is gone) before it comes back.
 */
public enum HaConnectionState {

    /** Connected for the first time. */
    CONNECTED,

    /** The connection is down; the session may still be alive. */
    SUSPENDED,

    /** Connected again after {@link #SUSPENDED} or {@link #LOST}. */
    RECONNECTED,

    /** The session ended: its ephemeral data is gone. */
    LOST;

    /** @return true for {@link #CONNECTED} and {@link #RECONNECTED} */
    public boolean isConnected() {
        return this == CONNECTED || this == RECONNECTED;
    }
}
