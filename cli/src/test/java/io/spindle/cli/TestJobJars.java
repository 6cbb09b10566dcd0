package io.spindle.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Jars for the CLI tests. */
final class TestJobJars {

    private TestJobJars() {
    }

    /** A jar with one class-like entry and the given main manifest attributes. */
    static Path jar(Path dir, String name, Map<String, String> manifestAttributes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifestAttributes.forEach(manifest.getMainAttributes()::putValue);
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("com/example/Job.class"));
            out.write("not really bytecode".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
