package io.spindle.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jar a class comes from, for tests that submit user jars: the jar itself when the class was
 * loaded from one (a full {@code mvn verify}), otherwise a jar made from its class folder (when
 * only {@code mvn test} ran and the class comes from {@code target/classes}).
 */
public final class ClassJars {

    private ClassJars() {}

    /**
     * @param member any class of the wanted jar
     * @param workDir where a jar is made if needed
     * @return a jar holding {@code member} and the classes beside it
     */
    public static Path jarContaining(Class<?> member, Path workDir) throws IOException {
        Path location;
        try {
            location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        Files.createDirectories(workDir);
        Path jar = workDir.resolve(member.getSimpleName() + "-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(location)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(location.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
