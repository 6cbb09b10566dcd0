package io.spindle.yarn.client;

import io.spindle.yarn.common.AmLaunchContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared copy of the distribution's {@code lib/} on the cluster's file system, uploaded once and
 * reused by every later submission: {@code {home}/.spindle/lib/<hash>/}, where the hash (SHA-256)
 * covers the jars' names and contents, so another distribution gets another folder.
 *
 * <p>{@link #publish()} guarantees that the folder it returns holds exactly the local jars:
 * <ul>
 *   <li>An existing folder is used only if its manifest ({@link AmLaunchContract#LIB_MANIFEST}:
 *       name, length and file-system checksum of every jar, written last) matches the local jars
 *       and every file has the recorded length and checksum. A half-written or damaged folder fails
 *       this check and is replaced (moved aside, then deleted).
 *   <li>A new copy is written into a temporary folder ({@code .tmp-<hash>-<uuid>}) and renamed to
 *       its final name with a rename that fails if the name exists. So concurrent first submissions
 *       never mix their files: one rename wins, the others find its folder, check it and use it.
 * </ul>
 * Folders and files are owner-only ({@code 0700}/{@code 0600}), like staging dirs; containers get
 * them as PRIVATE resources, which each NodeManager localizes once per user.
 *
 * <p>Not thread-safe itself (one submission uses an instance), but any number of instances, in any
 * number of processes, may publish the same folder at once.
 */
final class SharedLibrary {

    /**
     * What {@link #publish()} did.
     *
     * @param dir the shared folder, fully qualified
     * @param uploadedFiles how many jars this call uploaded (0 when an existing copy was reused)
     * @param uploadedBytes how many bytes it uploaded
     */
    record Published(Path dir, int uploadedFiles, long uploadedBytes) {}

    private static final Logger LOG = LoggerFactory.getLogger(SharedLibrary.class);
    private static final int ATTEMPTS = 3;
    private static final int CHECK_THREADS = 8;

    private final FileSystem fs;
    private final List<java.nio.file.Path> jars;
    private final Map<String, Long> localSizes = new LinkedHashMap<>();
    private final String hash;
    private final Path root;

    private SharedLibrary(FileSystem fs, List<java.nio.file.Path> jars, String hash) throws IOException {
        this.fs = fs;
        this.jars = jars;
        this.hash = hash;
        for (java.nio.file.Path jar : jars) {
            localSizes.put(jar.getFileName().toString(), Files.size(jar));
        }
        this.root = fs.makeQualified(new Path(StagingDirectory.stagingRoot(fs), AmLaunchContract.SHARED_LIB_ROOT));
    }

    /**
     * Hashes the regular files of {@code libDir} (read once, in name order).
     *
     * @throws IOException if the folder or a file cannot be read
     */
    static SharedLibrary of(FileSystem fs, java.nio.file.Path libDir) throws IOException {
        List<java.nio.file.Path> jars;
        try (Stream<java.nio.file.Path> files = Files.list(libDir)) {
            jars = files.filter(Files::isRegularFile)
                    .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (java.nio.file.Path jar : jars) {
            byte[] name = jar.getFileName().toString().getBytes(StandardCharsets.UTF_8);
            digest.update(name);
            digest.update((byte) 0);
            try (InputStream in = Files.newInputStream(jar)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            digest.update((byte) 0);
        }
        return new SharedLibrary(fs, jars, HexFormat.of().formatHex(digest.digest(), 0, 16));
    }

    /** The folder this library lives in once published, fully qualified. */
    Path dir() {
        return new Path(root, hash);
    }

    /**
     * Returns a checked copy, uploading one if there is none or the one there is damaged.
     *
     * @throws IOException if the file system fails, or no intact copy could be made in a few tries
     *     (e.g. other clients keep replacing it)
     */
    Published publish() throws IOException {
        Path target = dir();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<String> problem = check(target);
            if (problem.isEmpty()) {
                LOG.info("Reusing the shared lib folder {} ({} jars)", target, jars.size());
                return new Published(target, 0, 0);
            }
            if (!problem.get().equals(MISSING)) {
                LOG.warn("The shared lib folder {} is damaged ({}): replacing it", target, problem.get());
                moveAsideAndDelete(target);
            }
            Path tmp = new Path(root, ".tmp-" + hash + "-" + UUID.randomUUID());
            long bytes = upload(tmp);
            try {
                FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(tmp, target, Options.Rename.NONE);
                LOG.info("Uploaded {} jars ({} bytes) into the shared lib folder {}", jars.size(), bytes, target);
                return new Published(target, jars.size(), bytes);
            } catch (FileAlreadyExistsException e) {
                LOG.info("Another submission published {} first: checking its copy", target);
                StagingDirectory.delete(fs, tmp);
            } catch (IOException | RuntimeException e) {
                StagingDirectory.delete(fs, tmp);
                throw e;
            }
        }
        throw new IOException("No intact copy of lib/ in " + target + " after " + ATTEMPTS
                + " tries (other submissions kept replacing it)");
    }

    private static final String MISSING = "missing";

    /** Why {@code dir} is not an intact copy of the local jars, or empty if it is. */
    Optional<String> check(Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return Optional.of(MISSING);
        }
        Map<String, ManifestEntry> manifest;
        try (InputStream in = fs.open(new Path(dir, AmLaunchContract.LIB_MANIFEST))) {
            manifest = parseManifest(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.FileNotFoundException e) {
            return Optional.of("no manifest: it was not completely written");
        } catch (IllegalArgumentException e) {
            return Optional.of("unreadable manifest: " + e.getMessage());
        }
        Map<String, Long> manifestSizes = new LinkedHashMap<>();
        manifest.forEach((name, entry) -> manifestSizes.put(name, entry.length()));
        if (!manifestSizes.equals(localSizes)) {
            return Optional.of("its manifest does not list the local jars");
        }
        Map<String, FileStatus> present = new LinkedHashMap<>();
        for (FileStatus status : fs.listStatus(dir)) {
            present.put(status.getPath().getName(), status);
        }
        present.remove(AmLaunchContract.LIB_MANIFEST);
        if (!present.keySet().equals(manifest.keySet())) {
            return Optional.of("it holds " + present.size() + " files where the manifest lists " + manifest.size());
        }
        for (ManifestEntry entry : manifest.values()) {
            FileStatus status = present.get(entry.name());
            if (status.getLen() != entry.length()) {
                return Optional.of(entry.name() + " has " + status.getLen() + " bytes, not " + entry.length());
            }
        }
        return checksums(dir, manifest);
    }

    /** Compares every file's checksum with the manifest, a few files at a time. */
    private Optional<String> checksums(Path dir, Map<String, ManifestEntry> manifest) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(CHECK_THREADS, r -> {
            Thread t = new Thread(r, "shared-lib-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Optional<String>>> results = new ArrayList<>();
            for (ManifestEntry entry : manifest.values()) {
                results.add(pool.submit(() -> {
                    String actual = checksumOf(new Path(dir, entry.name()));
                    return actual.equals(entry.checksum()) ? Optional.<String>empty()
                            : Optional.of(entry.name() + " has checksum " + actual + ", not " + entry.checksum());
                }));
            }
            for (Future<Optional<String>> result : results) {
                Optional<String> problem = result.get();
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while checking " + dir);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Uploads every jar into {@code tmp}, then the manifest; returns the bytes uploaded. */
    private long upload(Path tmp) throws IOException {
        fs.mkdirs(root, StagingDirectory.DIR_PERMISSION);
        fs.mkdirs(tmp, StagingDirectory.DIR_PERMISSION);
        fs.setPermission(tmp, StagingDirectory.DIR_PERMISSION);
        StringBuilder manifest = new StringBuilder("# Spindle shared lib " + hash + ": name length checksum\n");
        long bytes = 0;
        try {
            for (java.nio.file.Path jar : jars) {
                Path target = new Path(tmp, jar.getFileName().toString());
                fs.copyFromLocalFile(false, true, new Path(jar.toAbsolutePath().toUri()), target);
                fs.setPermission(target, StagingDirectory.FILE_PERMISSION);
                long length = fs.getFileStatus(target).getLen();
                manifest.append(jar.getFileName()).append(' ').append(length).append(' ')
                        .append(checksumOf(target)).append('\n');
                bytes += length;
            }
            Path manifestFile = new Path(tmp, AmLaunchContract.LIB_MANIFEST);
            try (OutputStream out = fs.create(manifestFile, StagingDirectory.FILE_PERMISSION, true, 64 * 1024,
                    fs.getDefaultReplication(manifestFile), fs.getDefaultBlockSize(manifestFile), null)) {
                out.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            }
            fs.setPermission(manifestFile, StagingDirectory.FILE_PERMISSION);
        } catch (IOException | RuntimeException e) {
            StagingDirectory.delete(fs, tmp);
            throw e;
        }
        return bytes;
    }

    /** The file system's checksum of {@code file} in hex, or {@code none} where it has none (local files). */
    private String checksumOf(Path file) throws IOException {
        FileChecksum checksum = fs.getFileChecksum(file);
        return checksum == null ? "none"
                : checksum.getAlgorithmName().replace(' ', '_') + ":" + HexFormat.of().formatHex(checksum.getBytes());
    }

    /** Renames a damaged copy out of the way (so its name is free at once) and deletes it; a copy already gone is fine. */
    private void moveAsideAndDelete(Path dir) throws IOException {
        Path aside = new Path(root, ".damaged-" + hash + "-" + UUID.randomUUID());
        if (fs.rename(dir, aside)) {
            StagingDirectory.delete(fs, aside);
        } else if (fs.exists(dir)) {
            throw new IOException("Cannot move the damaged shared lib folder " + dir + " out of the way");
        }
    }

    private record ManifestEntry(String name, long length, String checksum) {}

    private static Map<String, ManifestEntry> parseManifest(String text) {
        Map<String, ManifestEntry> entries = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int second = line.lastIndexOf(' ');
            int first = second < 0 ? -1 : line.lastIndexOf(' ', second - 1);
            if (first <= 0) {
                throw new IllegalArgumentException("bad line '" + line + "'");
            }
            String name = line.substring(0, first);
            try {
                entries.put(name, new ManifestEntry(name, Long.parseLong(line.substring(first + 1, second)),
                        line.substring(second + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad length in '" + line + "'");
            }
        }
        return entries;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SharedLibrary[" + Objects.toString(dir()) + ", " + jars.size() + " jars]";
    }
}
