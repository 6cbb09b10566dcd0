package io.spindle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A job's jar as {@code spindle run} checks it before contacting anything: an existing, readable
 * jar file, with the entry class from {@code -c} or from its manifest
 * ({@value #JOB_CLASS_ATTRIBUTE}, else {@code Main-Class}). Immutable.
 *
 * @param path       the jar
 * @param entryClass the job class to run
 */
record JobJar(Path path, String entryClass) {

    /** The manifest attribute naming the job class; preferred over {@code Main-Class}. */
    static final String JOB_CLASS_ATTRIBUTE = "Spindle-Job-Class";

    /**
     * @param path       the jar as given
     * @param entryClass {@code -c}, or {@code null} to read the manifest
     * @return the checked jar
     * @throws IllegalArgumentException with one line naming the file when it is missing,
     *     unreadable, not a jar, or names no entry class
     */
    static JobJar check(Path path, String entryClass) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("jar file " + path + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("jar file " + path + " is not a file");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("jar file " + path + " is not readable");
        }
        Optional<String> fromManifest;
        try (JarFile jar = new JarFile(path.toFile())) {
            if (!jar.entries().hasMoreElements()) {
                throw new IllegalArgumentException("jar file " + path + " is empty");
            }
            fromManifest = manifestEntryClass(jar.getManifest());
        } catch (IOException e) {
            throw new IllegalArgumentException(path + " is not a jar file (" + e.getMessage() + ")", e);
        }
        if (entryClass != null && !entryClass.isBlank()) {
            return new JobJar(path, entryClass.strip());
        }
        return new JobJar(path, fromManifest.orElseThrow(() -> new IllegalArgumentException("no entry class for " + path
                + ": pass -c ENTRY_CLASS, or set " + JOB_CLASS_ATTRIBUTE + " or Main-Class in the jar's manifest")));
    }

    private static Optional<String> manifestEntryClass(Manifest manifest) {
        if (manifest == null) {
            return Optional.empty();
        }
        Attributes main = manifest.getMainAttributes();
        for (String name : new String[] {JOB_CLASS_ATTRIBUTE, Attributes.Name.MAIN_CLASS.toString()}) {
            String value = main.getValue(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }
}
