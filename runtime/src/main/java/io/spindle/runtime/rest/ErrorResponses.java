package io.spindle.runtime.rest;

import io.spindle.util.Messages;
import com.fasterxml.jackson.core.JacksonException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.spindle.runtime.jobmanager.JobSubmissionException;
import io.spindle.runtime.jobmanager.NotLeaderException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception into the JSON error answer of the REST API: always a body
 * {@code {"error": "<one line>"}} (plus {@code "leader"} for 503 from a standby), never an HTML page.
 * Client errors keep their 4xx status; anything unexpected is a 500 and is logged with its stack
 * trace. Stateless and thread-safe.
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** Writes the error answer for {@code failure} (completion wrappers are unwrapped) to {@code ctx}. */
    static void write(Context ctx, Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof NotLeaderException notLeader) {
            ctx.status(503).json(new RestJson.NotLeaderBody(oneLine(e), notLeader.leaderRestUrl().orElse(null)));
        } else if (e instanceof JobSubmissionException refused) {
            error(ctx, status(refused.reason()), oneLine(e));
        } else if (e instanceof HttpResponseException http) {
            error(ctx, http.getStatus(), oneLine(e));
        } else if (e instanceof JacksonException json) {
            error(ctx, 400, "malformed JSON: " + Messages.oneLine(json.getOriginalMessage()));
        } else if (e instanceof TimeoutException) {
            error(ctx, 504, oneLine(e));
        } else {
            LOG.error("Unexpected error answering {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e)));
        }
    }

    /** @return the HTTP status answering a refusal of the JobManager */
    static int status(JobSubmissionException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_JOB -> 404;
            case INVALID_PARALLELISM, MISSING_JAR, INVALID_JAR, ENTRY_CLASS_NOT_FOUND, NOT_A_JOB, INVALID_ARGUMENTS,
                    NOT_ENOUGH_SLOTS -> 400;
        };
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(new RestJson.ErrorBody(message));
    }

    static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String oneLine(Throwable e) {
        return Messages.oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** @return e.g. {@code 300 ms} or {@code 300 s} */
    static String format(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
