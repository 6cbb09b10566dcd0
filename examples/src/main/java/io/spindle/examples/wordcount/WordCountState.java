package io.spindle.examples.wordcount;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.spindle.examples.common.StateCodec;

/**
 * The state of one word-count task.
 *
 * <p>Encoding, version {@value #VERSION}: {@code int version, int fileIndex, long lineNumber,
 * boolean emitted, int n, n × (bytes word, long count), bytes sinkState}, where {@code bytes} is an
 * int length and that many bytes (words in UTF-8).
 *
 * <p>Immutable apart from the array, which callers must not change; thread-safe.
 *
 * @param fileIndex index, among the task's files, of the file being read
 * @param lineNumber lines of that file already counted
 * @param emitted whether the counts were written to the sink (then {@code counts} is empty)
 * @param counts word counts so far
 * @param sinkState the sink's state
 */
record WordCountState(int fileIndex, long lineNumber, boolean emitted, SortedMap<String, Long> counts,
        byte[] sinkState) {

    static final int VERSION = 1;
    private static final String WHAT = "word count task state";

    WordCountState {
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }

    byte[] encode() {
        return StateCodec.encode(VERSION, out -> {
            out.writeInt(fileIndex);
            out.writeLong(lineNumber);
            out.writeBoolean(emitted);
            out.writeInt(counts.size());
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                writeBytes(out, e.getKey().getBytes(StandardCharsets.UTF_8));
                out.writeLong(e.getValue());
            }
            writeBytes(out, sinkState);
        });
    }

    /**
     * @throws IllegalStateException if the bytes are not a version-{@value #VERSION} word count state
     */
    static WordCountState decode(byte[] bytes) {
        return StateCodec.decode(bytes, WHAT, VERSION, in -> {
            int fileIndex = in.readInt();
            long lineNumber = in.readLong();
            boolean emitted = in.readBoolean();
            int n = in.readInt();
            if (n < 0) {
                throw new IllegalStateException(WHAT + " has a negative word count " + n);
            }
            SortedMap<String, Long> counts = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                String word = new String(readBytes(in), StandardCharsets.UTF_8);
                counts.put(word, in.readLong());
            }
            return new WordCountState(fileIndex, lineNumber, emitted, counts, readBytes(in));
        });
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IllegalStateException(WHAT + " has a bad length " + n);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }
}
