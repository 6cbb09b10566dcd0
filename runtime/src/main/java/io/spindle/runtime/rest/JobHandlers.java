package io.spindle.runtime.rest;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.spindle.runtime.jobmanager.JobManagerGateway;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read and control endpoints of the REST API (everything but the upload, see
 * {@link SubmitHandler}). Each answers from the gateway; failures reach the exception handlers of
 * {@link RestServer}, or {@link ErrorResponses} for asynchronous calls. Thread-safe.
 */
final class JobHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(JobHandlers.class);

    private final JobManagerGateway gateway;
    private final Duration timeout;

    JobHandlers(JobManagerGateway gateway, Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
    }

    /** {@code GET /v1/overview}. */
    void overview(Context ctx) {
        ctx.json(gateway.overview());
    }

    /** {@code GET /v1/jobs}. */
    void jobs(Context ctx) {
        ctx.json(gateway.jobs());
    }

    /** {@code GET /v1/jobs/{id}}. */
    void job(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(gateway.job(id).orElseThrow(() -> new NotFoundResponse("unknown job " + id)));
    }

    /** {@code POST /v1/jobs/{id}/cancel}: answers the job's final status. */
    void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        LOG.info("Cancelling job {} on request from {}", id, ctx.ip());
        answerWhenDone(ctx, gateway.cancel(id), "cancel job " + id, status -> ctx.json(status));
    }

    /** {@code POST /v1/cluster/shutdown}: 202 once the shutdown has begun. */
    void shutDown(Context ctx) {
        LOG.info("Cluster shutdown requested by {}", ctx.ip());
        answerWhenDone(ctx, gateway.shutDownCluster(), "shut the cluster down",
                ignored -> ctx.status(202).json(new RestJson.AcceptedBody("cluster shutdown has begun")));
    }

    private <T> void answerWhenDone(Context ctx, CompletableFuture<T> call, String what, Consumer<T> answer) {
        ctx.future(() -> call.copy()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((value, failure) -> {
                    if (failure == null) {
                        answer.accept(value);
                    } else if (ErrorResponses.unwrap(failure) instanceof TimeoutException) {
                        ErrorResponses.write(ctx, new TimeoutException(
                                "the JobManager did not " + what + " within " + ErrorResponses.format(timeout)));
                    } else {
                        ErrorResponses.write(ctx, failure);
                    }
                    return null;
                }));
    }
}
