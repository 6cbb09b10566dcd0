package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.YarnOptions;
import io.spindle.security.ClusterSecret;
import io.spindle.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the submitting user's client keeps the secret of one YARN application:
 * {@code .spindle-secret-<user>-<applicationId>} next to the session's properties file (in
 * {@code yarn.properties-file.location}, else {@code java.io.tmpdir}), on the user's own machine,
 * never in the staging dir. Created {@code 0600} before it holds the secret, replaced atomically,
 * removed when the client stops the application. {@code spindle run/list/cancel} and
 * {@code yarn-session.sh -id} read it, so the owner's commands carry the credential unasked.
 *
 * <p>Immutable; thread-safe as the file system is.
 */
public final class ApplicationSecretFile {

    /** The file name before the user and application id. */
    public static final String FILE_NAME_PREFIX = ".spindle-secret-";

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationSecretFile.class);

    private final Path file;

    /** The secret file at {@code file}. */
    public ApplicationSecretFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The secret file of {@code applicationId} for the current user ({@code user.name}), located as {@code config} says. */
    public static ApplicationSecretFile forApplication(Configuration config, ApplicationId applicationId) {
        String dir = config.getOptional(YarnOptions.PROPERTIES_FILE_LOCATION)
                .filter(d -> !d.isBlank())
                .orElse(System.getProperty("java.io.tmpdir"));
        return new ApplicationSecretFile(Path.of(dir).resolve(FILE_NAME_PREFIX + System.getProperty("user.name") + "-"
                + applicationId));
    }

    /** The file. */
    public Path path() {
        return file;
    }

    /**
     * Writes the secret, replacing an earlier file.
     *
     * @throws IOException if the folder or file cannot be written
     */
    public void write(ClusterSecret secret) throws IOException {
        AtomicFiles.replace(file, tmp -> Files.writeString(tmp,
                Base64.getEncoder().encodeToString(secret.bytes()) + "\n", StandardCharsets.US_ASCII),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        LOG.debug("Wrote the application's secret to {}", file);
    }

    /**
     * Reads the secret.
     *
     * @return the secret; empty if there is no file
     * @throws IOException if the file cannot be read, is malformed, or group or others may access it
     */
    public Optional<ClusterSecret> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (!Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE).containsAll(permissions)) {
                throw new IOException("The application secret file " + file + " is accessible by others ("
                        + PosixFilePermissions.toString(permissions) + "); it must be readable by its owner only");
            }
        }
        try {
            return Optional.of(ClusterSecret.of(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip())));
        } catch (IllegalArgumentException e) {
            throw new IOException("The application secret file " + file + " does not hold a secret: " + e.getMessage(), e);
        }
    }

    /**
     * Removes the file.
     *
     * @return whether a file was removed; false also if removing failed (logged)
     */
    public boolean delete() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", file, e.toString());
            return false;
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
