package io.spindle.examples.sink;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.spindle.examples.common.StateCodec;

/**
 * The sink's part of a task's state: the checkpoints whose output is pending (pre-committed but
 * not known to be committed), each with the deployment that wrote it.
 *
 * <p>Encoding, version {@value #VERSION}: {@code int version, int n, n × (long checkpointId,
 * UTF deploymentId)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pending checkpoint id to the deployment id that wrote its pending file
 */
record SinkState(SortedMap<Long, String> pending) {

    static final int VERSION = 1;
    private static final String WHAT = "file sink state";

    SinkState {
        pending = Collections.unmodifiableSortedMap(new TreeMap<>(pending));
    }

    static SinkState empty() {
        return new SinkState(new TreeMap<>());
    }

    byte[] encode() {
        return StateCodec.encode(VERSION, out -> {
            out.writeInt(pending.size());
            for (Map.Entry<Long, String> e : pending.entrySet()) {
                out.writeLong(e.getKey());
                out.writeUTF(e.getValue());
            }
        });
    }

    /**
     * @throws IllegalStateException if the bytes are not a version-{@value #VERSION} sink state
     */
    static SinkState decode(byte[] bytes) {
        return StateCodec.decode(bytes, WHAT, VERSION, in -> {
            int n = in.readInt();
            if (n < 0) {
                throw new IllegalStateException(WHAT + " has a negative pending count " + n);
            }
            SortedMap<Long, String> pending = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                long id = in.readLong();
                String deployment = in.readUTF();
                if (pending.put(id, deployment) != null) {
                    throw new IllegalStateException(WHAT + " names checkpoint " + id + " twice");
                }
            }
            return new SinkState(pending);
        });
    }
}
