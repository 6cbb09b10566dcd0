package io.spindle.configuration;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root for tests that read {@code docs/} or {@code conf/}. */
final class RepositoryRoot {

    private RepositoryRoot() {}

    /**
     * The folder named by the {@code spindle.root} system property (set by surefire), or the
     * nearest folder above it or above the working directory that holds {@code core/} and
     * {@code pom.xml}: Maven may set the property to the module when run from inside it.
     */
    static Path find() {
        String property = System.getProperty("spindle.root");
        Path start = (property != null ? Path.of(property) : Path.of("")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("core")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (with core/ and pom.xml) at or above " + start);
    }
}
