package io.spindle.util;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;

/**
 * Replaces small local files so that a reader sees the old content or the new, never a part: the
 * new content goes into a temporary file beside the target, which is then moved over it (atomically
 * where the file system can; else a plain replacing move). Stateless and thread-safe; two writers of
 * one file race, the last move wins.
 */
public final class AtomicFiles {

    /** Writes the new content into the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Replaces (or creates) {@code file}, creating its folder if needed. The temporary file is
     * removed whatever happens.
     *
     * @param tmpAttributes attributes the temporary file is created with, e.g. owner-only permissions
     *     (so the content is never readable by others, not even for a moment)
     * @throws IOException if the folder or a file cannot be written or moved
     * @throws UnsupportedOperationException if the file system does not support {@code tmpAttributes}
     */
    public static void replace(Path file, Content content, FileAttribute<?>... tmpAttributes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", tmpAttributes);
        try {
            content.writeTo(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
