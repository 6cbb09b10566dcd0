package io.spindle.runtime.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Jars and not-jars for the REST tests. */
final class TestJars {

    private TestJars() {
    }

    /** A jar holding one stored (uncompressed) entry of {@code payloadBytes} random bytes. */
    static Path jar(Path dir, String name, int payloadBytes) throws IOException {
        Path jar = dir.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("com/example/payload.bin"));
            byte[] payload = new byte[payloadBytes];
            new Random(42).nextBytes(payload);
            out.write(payload);
            out.closeEntry();
        }
        return jar;
    }

    /** A file with text content and a jar's name. */
    static Path notAJar(Path dir) throws IOException {
        return Files.writeString(dir.resolve("not-a-jar.jar"), "this is plain text, not a zip archive\n");
    }
}
