package io.spindle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Cluster secret files for tests that start standalone JobManagers and TaskExecutors: put
 * {@link #KEY}{@code =}{@link #sharedFile()} into their configuration, and let clients read the
 * same file. Files are {@code 0600}, as the processes demand. Thread-safe.
 */
public final class TestClusterSecrets {

    /** The configuration key naming the secret file ({@code SecurityOptions.CLUSTER_SECRET_FILE}). */
    public static final String KEY = "security.cluster.secret-file";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static Path shared;

    private TestClusterSecrets() {}

    /** One secret file for the whole JVM, under {@code target/spindle-it/}; created on first use. */
    public static synchronized Path sharedFile() {
        if (shared == null) {
            String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
            Path dir = Paths.get(basedir, "target", "spindle-it").toAbsolutePath().normalize();
            shared = write(dir.resolve("cluster-secret-" + ProcessHandle.current().pid()));
        }
        return shared;
    }

    /** Writes a new random secret to {@code file} ({@code 0600}), replacing what was there; returns it. */
    public static Path write(Path file) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test cluster secret " + file, e);
        }
        return file;
    }
}
