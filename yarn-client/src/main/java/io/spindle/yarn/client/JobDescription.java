package io.spindle.yarn.client;

import io.spindle.yarn.am.AmLaunchContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The job of a per-job cluster: the user jar and what the JobManager needs to run it. Staged as
 * {@link AmLaunchContract#USER_JAR} and {@link AmLaunchContract#JOB_PROPERTIES}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param userJar the user jar on the local file system
 * @param entryClass the job's main class
 * @param arguments the job's arguments, in order
 * @param parallelism the job's parallelism, at least 1
 * @param name the job's display name
 */
public record JobDescription(Path userJar, String entryClass, List<String> arguments, int parallelism, String name) {

    /**
     * Copies the arguments and checks the values.
     *
     * @throws IllegalArgumentException if {@code parallelism} is less than 1 or {@code entryClass} is blank
     */
    public JobDescription {
        Objects.requireNonNull(userJar, "userJar");
        Objects.requireNonNull(entryClass, "entryClass");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(name, "name");
        if (entryClass.isBlank()) {
            throw new IllegalArgumentException("the entry class must not be blank");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("the parallelism must be at least 1: " + parallelism);
        }
    }

    /**
     * The contents of {@code job.properties}: {@link AmLaunchContract#JOB_ENTRY_CLASS}, {@link
     * AmLaunchContract#JOB_ARGUMENTS} (a JSON array of strings), {@link
     * AmLaunchContract#JOB_PARALLELISM} and {@link AmLaunchContract#JOB_NAME}, in the
     * {@link Properties} format (ISO 8859-1 with escapes).
     */
    public byte[] toJobProperties() {
        Properties props = new Properties();
        props.setProperty(AmLaunchContract.JOB_ENTRY_CLASS, entryClass);
        props.setProperty(AmLaunchContract.JOB_ARGUMENTS, jsonArray(arguments));
        props.setProperty(AmLaunchContract.JOB_PARALLELISM, Integer.toString(parallelism));
        props.setProperty(AmLaunchContract.JOB_NAME, name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            props.store(out, "Spindle per-job cluster: the job to run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JSON array of the given strings. */
    static String jsonArray(List<String> values) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the job's arguments", e);
        }
    }

}
