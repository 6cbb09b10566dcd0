package io.spindle.runtime.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON conventions of the REST API, shared by {@link RestServer} and {@link RestClusterClient}:
 * instants as ISO-8601 strings, unknown properties ignored when reading (so that a newer server
 * can add fields). Stateless; the mappers it builds are thread-safe once configured.
 */
final class RestJson {

    private RestJson() {
    }

    /** @return a new, configured mapper */
    static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The body of every error answer; {@code leader} only for 503 from a standby (then it may be null). */
    record ErrorBody(String error) {}

    /** The body of a 503 from a standby: the error and the leader's REST URL, or {@code null}. */
    record NotLeaderBody(String error, String leader) {}

    /** The body of a 202 answer to a submission. */
    record SubmitResponse(String jobId) {}

    /** The body of a 202 answer to a shutdown request. */
    record AcceptedBody(String message) {}
}
