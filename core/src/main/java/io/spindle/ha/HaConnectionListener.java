package io.spindle.ha;

/**
 * Told of every change of the connection to the HA backend ({@link HaServices#watchConnection}).
 * Called on the backend's event thread, one change at a time and in order: return quickly and do
 * not block.
 */
@FunctionalInterface
public interface HaConnectionListener {

    /** @param state the new state */
    void connectionStateChanged(HaConnectionState state);
}
