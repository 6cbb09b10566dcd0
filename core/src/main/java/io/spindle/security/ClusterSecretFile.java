package io.spindle.security;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.SecurityOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A standalone cluster's secret file ({@code security.cluster.secret-file}): text of at least
 * {@value ClusterSecret#MIN_BYTES} bytes once surrounding white space is stripped, readable by its
 * owner only. On file systems without POSIX permissions the permission check is skipped.
 *
 * <p>Stateless; thread-safe.
 */
public final class ClusterSecretFile {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** The file name of the default secret file in the configuration directory. */
    public static final String DEFAULT_FILE_NAME = "cluster-secret";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterSecretFile() {}

    /**
     * {@code conf}, with {@code security.cluster.secret-file} set to {@code <confDir>/}{@value #DEFAULT_FILE_NAME}
     * when it is unset and that file exists (what the distribution's {@code bin/start-cluster.sh} creates).
     */
    public static Configuration withDefaultFile(Configuration conf, Path confDir) {
        if (confDir == null || conf.getOptional(SecurityOptions.CLUSTER_SECRET_FILE).filter(f -> !f.isBlank()).isPresent()) {
            return conf;
        }
        Path file = confDir.resolve(DEFAULT_FILE_NAME).toAbsolutePath();
        return Files.exists(file) ? conf.with(SecurityOptions.CLUSTER_SECRET_FILE, file.toString()) : conf;
    }

    /**
     * Creates {@code file} ({@code 0600}, in a folder that must exist) holding a new random secret, unless it exists.
     *
     * @return whether it was created
     * @throws IOException if it cannot be created
     */
    public static boolean createIfAbsent(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        byte[] bytes = new byte[ClusterSecret.GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /**
     * The secret of the file {@code security.cluster.secret-file} names, if it names one.
     *
     * @throws IllegalConfigurationException as {@link #read(Path)}
     */
    public static Optional<ClusterSecret> fromConfiguration(Configuration conf) {
        Optional<String> file = conf.getOptional(SecurityOptions.CLUSTER_SECRET_FILE).filter(f -> !f.isBlank());
        return file.map(f -> read(Path.of(f)));
    }

    /**
     * Reads and checks a secret file.
     *
     * @throws IllegalConfigurationException with one line naming the file and the key when it is
     *     missing, not a regular file, unreadable, too short, or readable by group or others
     */
    public static ClusterSecret read(Path file) {
        if (!Files.exists(file)) {
            throw refused(file, "does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw refused(file, "is not a regular file");
        }
        checkOwnerOnly(file);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw refused(file, "is not readable by this user");
        } catch (NoSuchFileException e) {
            throw refused(file, "does not exist");
        } catch (IOException e) {
            throw refused(file, "cannot be read: " + e.getMessage());
        }
        byte[] secret = new String(content, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        if (secret.length == 0) {
            throw refused(file, "is empty");
        }
        if (secret.length < ClusterSecret.MIN_BYTES) {
            throw refused(file, "holds " + secret.length + " bytes; a secret needs at least " + ClusterSecret.MIN_BYTES);
        }
        return ClusterSecret.of(secret);
    }

    private static void checkOwnerOnly(Path file) {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = posix.readAttributes().permissions();
        } catch (IOException e) {
            throw refused(file, "has permissions that cannot be read: " + e.getMessage());
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(permissions);
        open.retainAll(GROUP_OR_OTHERS);
        if (!open.isEmpty()) {
            throw refused(file, "is accessible by others (" + PosixFilePermissions.toString(permissions)
                    + "); it must be readable by its owner only: chmod 600 " + file);
        }
    }

    private static IllegalConfigurationException refused(Path file, String what) {
        return new IllegalConfigurationException("The cluster secret file " + file + " ('"
                + SecurityOptions.CLUSTER_SECRET_FILE.key() + "') " + what);
    }
}
