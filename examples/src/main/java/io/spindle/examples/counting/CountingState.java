package io.spindle.examples.counting;

import io.spindle.examples.common.StateCodec;

/**
 * The state of one counting task: the next record to emit and the sink's state.
 *
 * <p>Encoding, version {@value #VERSION}: {@code int version, long nextRecord, int n, n bytes of
 * sink state}.
 *
 * <p>Immutable apart from the array, which callers must not change; thread-safe.
 *
 * @param nextRecord the number of the next record to emit
 * @param sinkState the {@link io.spindle.examples.sink.TransactionalFileSink} state
 */
record CountingState(long nextRecord, byte[] sinkState) {

    static final int VERSION = 1;
    private static final String WHAT = "counting task state";

    byte[] encode() {
        return StateCodec.encode(VERSION, out -> {
            out.writeLong(nextRecord);
            out.writeInt(sinkState.length);
            out.write(sinkState);
        });
    }

    /**
     * @throws IllegalStateException if the bytes are not a version-{@value #VERSION} counting state
     */
    static CountingState decode(byte[] bytes) {
        return StateCodec.decode(bytes, WHAT, VERSION, in -> {
            long next = in.readLong();
            int n = in.readInt();
            if (next < 0 || n < 0) {
                throw new IllegalStateException(WHAT + " is corrupt (next record " + next + ", sink bytes " + n + ")");
            }
            byte[] sink = new byte[n];
            in.readFully(sink);
            return new CountingState(next, sink);
        });
    }
}
