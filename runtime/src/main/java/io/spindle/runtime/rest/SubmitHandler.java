package io.spindle.runtime.rest;

import io.spindle.util.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import io.spindle.runtime.jobmanager.JobManagerGateway;
import io.spindle.runtime.jobmanager.JobSubmission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/jobs}: validates the multipart form, stores the jar in a private temp file,
 * submits the job and answers 202 {@code {"jobId": ...}} once the gateway's future has completed.
 * The temp file is deleted when the submission has completed, whatever the outcome.
 *
 * <p>Form: part {@code jar} (the jar file), fields {@code entryClass} (required),
 * {@code parallelism} (a positive integer, default 1), {@code name} (optional) and
 * {@code arguments}: either repeated, one field per argument, or a single field holding a JSON
 * array of strings (a single value starting with {@code [} is read as JSON).
 *
 * <p>Thread-safe.
 */
final class SubmitHandler implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(SubmitHandler.class);
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private final JobManagerGateway gateway;
    private final JarUploads uploads;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final long maxUploadBytes;

    SubmitHandler(JobManagerGateway gateway, JarUploads uploads, ObjectMapper mapper, Duration timeout,
            long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
        this.gateway = gateway;
        this.uploads = uploads;
        this.mapper = mapper;
        this.timeout = timeout;
    }

    @Override
    public void handle(Context ctx) {
        if (!ctx.isMultipartFormData()) {
            throw new BadRequestResponse("expected a multipart/form-data request with a 'jar' part, got "
                    + (ctx.contentType() == null ? "no content type" : "'" + ctx.contentType() + "'"));
        }
        UploadedFile jarPart = multipart(() -> ctx.uploadedFile("jar"));
        if (jarPart == null) {
            throw new BadRequestResponse("missing the 'jar' part: the job's jar file");
        }
        String entryClass = multipart(() -> ctx.formParam("entryClass"));
        if (entryClass == null || entryClass.isBlank()) {
            throw new BadRequestResponse("missing the 'entryClass' field: the job class inside the jar");
        }
        int parallelism = parallelism(multipart(() -> ctx.formParam("parallelism")));
        List<String> arguments = arguments(multipart(() -> ctx.formParams("arguments")));
        String name = multipart(() -> ctx.formParam("name"));

        Path jar = uploads.save(jarPart);
        boolean handedOver = false;
        try {
            JobSubmission submission = new JobSubmission(name == null ? "" : name.strip(), jar, entryClass.strip(),
                    arguments, parallelism);
            LOG.info("Submitting {} (parallelism {}) from upload {}", submission.entryClass(), parallelism, jarPart.filename());
            // The jar is deleted before the answer is written: the answer's stage depends on the deletion.
            CompletableFuture<String> submitted = gateway.submit(submission)
                    .whenComplete((jobId, failure) -> uploads.delete(jar));
            handedOver = true;
            ctx.future(() -> submitted.copy()
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((jobId, failure) -> {
                        if (failure == null) {
                            LOG.info("Job {} submitted", jobId);
                            ctx.status(202).json(new RestJson.SubmitResponse(jobId));
                        } else if (ErrorResponses.unwrap(failure) instanceof TimeoutException) {
                            ErrorResponses.write(ctx, new TimeoutException(
                                    "the JobManager did not accept the job within " + ErrorResponses.format(timeout)));
                        } else {
                            ErrorResponses.write(ctx, failure);
                        }
                        return null;
                    }));
        } finally {
            if (!handedOver) {
                uploads.delete(jar);
            }
        }
    }

    private static int parallelism(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int p = Integer.parseInt(value.strip());
            if (p >= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestResponse("the 'parallelism' field must be a positive integer, got '"
                + Messages.oneLine(value) + "'");
    }

    private List<String> arguments(List<String> values) {
        if (values.size() == 1 && values.get(0).stripLeading().startsWith("[")) {
            try {
                List<String> parsed = mapper.readValue(values.get(0), STRING_LIST);
                if (parsed == null || parsed.contains(null)) {
                    throw new BadRequestResponse("the 'arguments' field must not contain null");
                }
                return parsed;
            } catch (JsonProcessingException e) {
                throw new BadRequestResponse("the 'arguments' field is not a JSON array of strings: "
                        + Messages.oneLine(e.getOriginalMessage()));
            }
        }
        return values;
    }

    /** Reads the multipart body, answering 413 when it is over the limit and 400 when it is malformed. */
    private <T> T multipart(Supplier<T> read) {
        try {
            return read.get();
        } catch (Exception e) { // Jetty's ServletException arrives undeclared
            LOG.debug("Cannot read the multipart body", e);
            for (Throwable t = e; t != null; t = t.getCause()) {
                String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (message.contains("exceed") || message.contains("too large") || message.contains("413")) {
                    throw new ContentTooLargeResponse("the upload is larger than the limit of " + maxUploadBytes + " bytes");
                }
            }
            throw new BadRequestResponse("malformed multipart request: " + Messages.oneLine(
                    String.valueOf(ErrorResponses.unwrap(e).getMessage())));
        }
    }
}
