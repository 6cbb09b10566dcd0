package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.YarnOptions;
import io.spindle.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file through which a YARN session tells later commands where it runs:
 * {@code .yarn-properties-<user>} in {@code yarn.properties-file.location}, or in the system's
 * temporary directory ({@code java.io.tmpdir}) when that is unset. It holds the application id
 * ({@value #APPLICATION_ID}) and the session's dynamic properties ({@value #DYNAMIC_PREFIX}{@code <key>}),
 * in the {@link Properties} format.
 *
 * <p>Written atomically (temporary file, then rename) and readable only by the user where the file
 * system supports POSIX permissions. Removed when the session is stopped.
 *
 * <p>Immutable; concurrent writers of the same file see the last complete write win.
 */
public final class YarnPropertiesFile {

    /** Key of the application id. */
    public static final String APPLICATION_ID = "applicationID";

    /** Prefix of the keys of dynamic properties. */
    public static final String DYNAMIC_PREFIX = "dynamic.";

    /** The file name before the user name. */
    public static final String FILE_NAME_PREFIX = ".yarn-properties-";

    private static final Logger LOG = LoggerFactory.getLogger(YarnPropertiesFile.class);

    private final Path file;

    /** The properties file at {@code file}. */
    public YarnPropertiesFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * The properties file of the current user ({@code user.name}) in the directory {@code config}
     * names ({@code yarn.properties-file.location}), else in {@code java.io.tmpdir}.
     */
    public static YarnPropertiesFile forConfiguration(Configuration config) {
        return forConfiguration(config, System.getProperty("user.name"));
    }

    /** As {@link #forConfiguration(Configuration)}, for {@code user}. */
    public static YarnPropertiesFile forConfiguration(Configuration config, String user) {
        String dir = config.getOptional(YarnOptions.PROPERTIES_FILE_LOCATION)
                .filter(d -> !d.isBlank())
                .orElse(System.getProperty("java.io.tmpdir"));
        return new YarnPropertiesFile(Path.of(dir).resolve(FILE_NAME_PREFIX + user));
    }

    /**
     * What the file says.
     *
     * @param applicationId the session's application id, as text
     * @param dynamicProperties the session's {@code -D} values, by key
     */
    public record Content(String applicationId, Map<String, String> dynamicProperties) {
        /** Copies the map, keeping its order. */
        public Content {
            Objects.requireNonNull(applicationId, "applicationId");
            dynamicProperties = Collections.unmodifiableMap(new LinkedHashMap<>(dynamicProperties));
        }

        /**
         * The application id, parsed.
         *
         * @throws IllegalArgumentException if it is malformed
         */
        public ApplicationId parsedApplicationId() {
            return ApplicationId.fromString(applicationId);
        }
    }

    /** The file. */
    public Path path() {
        return file;
    }

    /**
     * Writes the file, replacing an earlier one.
     *
     * @throws IOException if the directory or file cannot be written
     */
    public void write(ApplicationId applicationId, Map<String, String> dynamicProperties) throws IOException {
        Properties props = new Properties();
        props.setProperty(APPLICATION_ID, applicationId.toString());
        dynamicProperties.forEach((k, v) -> props.setProperty(DYNAMIC_PREFIX + k, v));
        AtomicFiles.replace(file, tmp -> {
            ownerOnly(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "Spindle YARN session; removed when the session is stopped");
            }
        });
        LOG.info("Wrote {} for {}", file, applicationId);
    }

    /**
     * Reads the file.
     *
     * @return its content; empty if there is no file
     * @throws IOException if it exists but cannot be read, or holds no application id
     */
    public Optional<Content> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        String id = props.getProperty(APPLICATION_ID);
        if (id == null || id.isBlank()) {
            throw new IOException("The YARN properties file " + file + " holds no " + APPLICATION_ID);
        }
        Map<String, String> dynamic = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(DYNAMIC_PREFIX)) {
                dynamic.put(key.substring(DYNAMIC_PREFIX.length()), props.getProperty(key));
            }
        }
        return Optional.of(new Content(id.strip(), dynamic));
    }

    /**
     * Removes the file if it names {@code applicationId} (so stopping an old session does not remove
     * the file of a newer one).
     *
     * @return whether a file was removed
     */
    public boolean deleteIfFor(ApplicationId applicationId) {
        try {
            Optional<Content> content = read();
            if (content.isPresent() && content.get().applicationId().equals(applicationId.toString())) {
                return delete();
            }
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", file, e.toString());
        }
        return false;
    }

    /**
     * Removes the file.
     *
     * @return whether a file was removed; false also if removing failed (logged)
     */
    public boolean delete() {
        try {
            boolean deleted = Files.deleteIfExists(file);
            if (deleted) {
                LOG.info("Removed {}", file);
            }
            return deleted;
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", file, e.toString());
            return false;
        }
    }

    private static void ownerOnly(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("Cannot restrict the permissions of {}", path, e);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
