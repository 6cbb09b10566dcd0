package io.spindle.yarn.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * The job of a per-job cluster as staged in {@link AmLaunchContract#JOB_PROPERTIES}, and the one
 * codec of that file: the client {@linkplain #encode() writes} it, the ApplicationMaster
 * {@linkplain #decode(InputStream, String) reads} it.
 *
 * <p>Format: {@link Properties} (ISO 8859-1 with escapes) with the keys {@code entryClass},
 * {@code arguments} (a JSON array of strings), {@code parallelism} and {@code name}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param entryClass the job's main class, not blank
 * @param arguments the job's arguments, in order
 * @param parallelism the job's parallelism, at least 1
 * @param name the job's display name
 */
public record StagedJob(String entryClass, List<String> arguments, int parallelism, String name) {

    private static final String ENTRY_CLASS = "entryClass";
    private static final String ARGUMENTS = "arguments";
    private static final String PARALLELISM = "parallelism";
    private static final String NAME = "name";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Copies the arguments and checks the values.
     *
     * @throws IllegalArgumentException if {@code parallelism} is less than 1 or {@code entryClass} is blank
     */
    public StagedJob {
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

    /** The contents of {@code job.properties}. */
    public byte[] encode() {
        Properties props = new Properties();
        props.setProperty(ENTRY_CLASS, entryClass);
        try {
            props.setProperty(ARGUMENTS, JSON.writeValueAsString(arguments));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the job's arguments", e);
        }
        props.setProperty(PARALLELISM, Integer.toString(parallelism));
        props.setProperty(NAME, name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            props.store(out, "Spindle per-job cluster: the job to run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a {@code job.properties} written by {@link #encode()}.
     *
     * @param in the file's contents; not closed
     * @param source names the file in error messages
     * @throws IOException naming {@code source} if it cannot be read or a value is missing or malformed
     */
    public static StagedJob decode(InputStream in, String source) throws IOException {
        Properties props = new Properties();
        props.load(in);
        List<String> arguments;
        try {
            arguments = JSON.readValue(props.getProperty(ARGUMENTS, "[]"), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IOException("Malformed " + ARGUMENTS + " in " + source + ": " + e.getOriginalMessage(), e);
        }
        int parallelism;
        try {
            parallelism = Integer.parseInt(props.getProperty(PARALLELISM, "1").strip());
        } catch (NumberFormatException e) {
            throw new IOException("Malformed " + PARALLELISM + " in " + source + ": " + e.getMessage(), e);
        }
        try {
            return new StagedJob(props.getProperty(ENTRY_CLASS, ""), arguments, parallelism, props.getProperty(NAME, ""));
        } catch (IllegalArgumentException e) {
            throw new IOException("Invalid job in " + source + ": " + e.getMessage(), e);
        }
    }

    /** The per-job cluster's job id: derived from the application id, so every attempt and the client agree. */
    public static String jobIdOf(ApplicationId applicationId) {
        return UUID.nameUUIDFromBytes(applicationId.toString().getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
