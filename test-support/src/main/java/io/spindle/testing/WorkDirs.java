package io.spindle.testing;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The work directory of a test class, {@code <module>/target/spindle-it/<TestClassSimpleName>/}
 * (or of clusters shared by several classes, named so): emptied when it is first used in a run,
 * kept after it for debugging. Stateless.
 */
final class WorkDirs {

    private WorkDirs() {
    }

    /** Creates the work directory {@code name}, deleting what an earlier run left there. */
    static Path prepare(String name) throws IOException {
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        Path dir = Paths.get(basedir, "target", "spindle-it", name).toAbsolutePath().normalize();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir")));
        return dir;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
