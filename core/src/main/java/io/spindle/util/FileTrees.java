package io.spindle.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Operations on local directory trees. Stateless and thread-safe. */
public final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes {@code root} and everything below it, children before parents; symbolic links are
     * deleted, not followed. Nothing happens if {@code root} does not exist.
     *
     * @throws IOException if an entry cannot be listed or deleted (what was deleted stays deleted)
     */
    public static void deleteRecursively(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (NoSuchFileException e) {
            return;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
