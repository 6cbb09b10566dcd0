package io.spindle.ha;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the current leader publishes for TaskExecutors and clients: who it is, where to reach it,
 * and the leader session id that fences its commands.
 *
 * <p>Encoded as {@code key=value} lines so that it reads well in {@code zkCli.sh get} and
 * {@code spindle ha inspect}.
 *
 * @param participantId which process leads, e.g. a YARN application attempt id or {@code host:pid}
 * @param rpcAddress    the JobManager's RPC address ({@code host:port}), may be empty before RPC is up
 * @param restUrl       the JobManager's REST endpoint, may be empty
 * @param sessionId     the leader session id, new on every grant of leadership
 */
public record LeaderInfo(String participantId, String rpcAddress, String restUrl, UUID sessionId) {

    /** Validates the fields. */
    public LeaderInfo {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(sessionId, "sessionId");
        rpcAddress = rpcAddress == null ? "" : rpcAddress;
        restUrl = restUrl == null ? "" : restUrl;
    }

    /** @return the encoded form stored in ZooKeeper */
    public byte[] toBytes() {
        String text = "participant=" + participantId + "\n"
                + "rpc=" + rpcAddress + "\n"
                + "rest=" + restUrl + "\n"
                + "session=" + sessionId + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param bytes  the encoded form
     * @param source where the bytes came from, for the error message
     * @return the decoded leader information
     * @throws IllegalArgumentException if the bytes are not a leader information record
     */
    public static LeaderInfo fromBytes(byte[] bytes, String source) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String participant = fields.get("participant");
        String session = fields.get("session");
        if (participant == null || session == null) {
            throw new IllegalArgumentException("Not a leader information record at " + source
                    + ": expected 'participant=' and 'session=' lines");
        }
        try {
            return new LeaderInfo(participant, fields.get("rpc"), fields.get("rest"), UUID.fromString(session));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad leader session id '" + session + "' at " + source, e);
        }
    }
}
