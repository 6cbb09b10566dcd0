package io.spindle.runtime.rest;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private folder where uploaded jars wait while the JobManager stores them: created with
 * permissions {@code 0700}; each upload gets its own {@code 0600} temp file, which the caller
 * deletes with {@link #delete} when the submission has completed, however it ended.
 * Thread-safe.
 */
final class JarUploads {

    private static final Logger LOG = LoggerFactory.getLogger(JarUploads.class);

    private final Path dir;

    JarUploads(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    Path dir() {
        return dir;
    }

    /** Creates the folder (owner-only where the file system supports POSIX permissions). */
    void createDir() throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Copies the upload to a new private temp file and checks that it is a non-empty jar.
     *
     * @return the temp file; the caller deletes it
     * @throws BadRequestResponse if the upload is empty or not a jar (the temp file is deleted then)
     * @throws UncheckedIOException if the file cannot be written
     */
    Path save(UploadedFile upload) {
        Path file;
        try {
            file = Files.createTempFile(dir, "upload-", ".jar");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp file in " + dir, e);
        }
        boolean ok = false;
        // Written into the temp file itself: a copy that replaces it would drop its owner-only permission.
        try (InputStream in = upload.content(); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
            checkJar(file, upload.filename());
            ok = true;
            LOG.debug("Stored upload {} ({} bytes) as {}", upload.filename(), Files.size(file), file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the uploaded jar in " + dir, e);
        } finally {
            if (!ok) {
                delete(file);
            }
        }
    }

    /** Deletes a temp file made by {@link #save}; logs (does not throw) when that fails. */
    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete the uploaded jar {}", file, e);
        }
    }

    private static void checkJar(Path file, String uploadName) throws IOException {
        String name = uploadName == null || uploadName.isBlank() ? "jar" : uploadName;
        if (Files.size(file) == 0) {
            throw new BadRequestResponse("the uploaded jar '" + name + "' is empty");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (!zip.entries().hasMoreElements()) {
                throw new BadRequestResponse("the uploaded jar '" + name + "' has no entries");
            }
        } catch (ZipException e) {
            throw new BadRequestResponse("the uploaded file '" + name + "' is not a jar: " + e.getMessage());
        }
    }
}
