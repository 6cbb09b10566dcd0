package io.spindle.runtime.rpc;

import io.spindle.ha.storage.StatePointer;

/** Converts between the storage layer's {@link StatePointer} and the wire's {@link StateHandle}. */
public final class StateHandles {

    private StateHandles() {}

    /** The wire form of a pointer. */
    public static StateHandle toHandle(StatePointer pointer) {
        return StateHandle.newBuilder()
                .setPath(pointer.path())
                .setLength(pointer.length())
                .setChecksum(pointer.checksum())
                .build();
    }

    /**
     * The pointer a handle names.
     *
     * @throws IllegalArgumentException if the handle is empty or malformed
     */
    public static StatePointer toPointer(StateHandle handle) {
        if (handle.getPath().isEmpty()) {
            throw new IllegalArgumentException("empty state handle");
        }
        return new StatePointer(handle.getPath(), handle.getLength(), handle.getChecksum());
    }
}
