package io.spindle.examples.common;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes task state as a leading version int followed by a body written with
 * {@link DataOutputStream}, and decodes it again, rejecting unknown versions, truncated bytes and
 * trailing garbage.
 *
 * <p>Stateless and thread-safe.
 */
public final class StateCodec {

    /** Writes the body of a state. */
    @FunctionalInterface
    public interface BodyWriter {
        /** Writes the fields after the version. */
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the body of a state. */
    @FunctionalInterface
    public interface BodyReader<T> {
        /** Reads the fields after the version. */
        T read(DataInputStream in) throws IOException;
    }

    private StateCodec() {}

    /** Encodes {@code version} and then what {@code body} writes. */
    public static byte[] encode(int version, BodyWriter body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(version);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode state", e); // in-memory: does not happen
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a state written by {@link #encode} with version {@code supportedVersion}.
     *
     * @param what what the state is, for messages (e.g. "counting task state")
     * @throws IllegalStateException if the version is not {@code supportedVersion}, or the bytes are
     *     truncated, malformed or followed by extra bytes
     */
    public static <T> T decode(byte[] state, String what, int supportedVersion, BodyReader<T> body) {
        if (state == null || state.length < Integer.BYTES) {
            throw new IllegalStateException(what + " is too short to hold a version ("
                    + (state == null ? "null" : state.length + " bytes") + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int version = in.readInt();
            if (version != supportedVersion) {
                throw new IllegalStateException(what + " has version " + version
                        + ", but this jar reads only version " + supportedVersion);
            }
            T value = body.read(in);
            if (in.available() > 0) {
                throw new IllegalStateException(what + " has " + in.available() + " unexpected trailing bytes");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException(what + " is corrupt: " + e, e);
        }
    }
}
