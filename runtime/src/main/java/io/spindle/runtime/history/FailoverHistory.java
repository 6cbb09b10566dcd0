package io.spindle.runtime.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.spindle.ha.storage.ClusterStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The leader sessions of one cluster, newest last, kept in one small JSON file in the cluster's
 * folder of storageDir ({@value #FILE_NAME}), so that a new leader shows its predecessors. Bounded:
 * only the newest {@link #maxSessions} are kept.
 *
 * <p>For display only, never read by recovery. Written by the leader after its recovery (temp file,
 * then rename); a deposed leader that writes late may overwrite a newer copy until the next
 * session is appended. Removed with the cluster's folder.
 *
 * <p>Thread-safe as far as the file system is; {@link #append} calls must not overlap.
 */
public final class FailoverHistory {

    /** The file's name in the cluster's folder. */
    public static final String FILE_NAME = "leader-sessions.json";

    private static final TypeReference<List<LeaderSessionRecord>> LIST = new TypeReference<>() {};

    private final ClusterStorage storage;
    private final int maxSessions;
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * @param storage     the cluster's storage
     * @param maxSessions how many sessions to keep, at least 1
     */
    public FailoverHistory(ClusterStorage storage, int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1, got " + maxSessions);
        }
        this.storage = storage;
        this.maxSessions = maxSessions;
    }

    private Path file() {
        return new Path(storage.clusterDir(), FILE_NAME);
    }

    /**
     * @return the sessions kept, oldest first; empty if none were written yet
     * @throws IOException if the file cannot be read or parsed
     */
    public List<LeaderSessionRecord> read() throws IOException {
        FileSystem fs = storage.fs();
        try (InputStream in = fs.open(file())) {
            return List.copyOf(mapper.readValue(in, LIST));
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    /**
     * Appends {@code session}, dropping the oldest beyond the bound.
     *
     * @return the sessions now kept, oldest first
     * @throws IOException if the file cannot be read or written
     */
    public List<LeaderSessionRecord> append(LeaderSessionRecord session) throws IOException {
        List<LeaderSessionRecord> sessions = new ArrayList<>(read());
        sessions.add(session);
        while (sessions.size() > maxSessions) {
            sessions.remove(0);
        }
        FileSystem fs = storage.fs();
        fs.mkdirs(storage.clusterDir());
        Path temp = new Path(storage.clusterDir(), "." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream out = fs.create(temp, false)) {
            mapper.writeValue(out, sessions);
        }
        fs.delete(file(), false);
        if (!fs.rename(temp, file())) {
            fs.delete(temp, false);
            throw new IOException("could not rename " + temp + " to " + file());
        }
        return List.copyOf(sessions);
    }
}
