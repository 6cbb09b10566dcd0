package io.spindle.runtime.taskexecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.StatePointer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TaskExecutor keeps a job's jar, and its class loader, only while a task of that job runs on it. */
class UserCodeCacheTest {

    private static final String JOB = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private UserCodeCache cache;
    private StatePointer jar;

    @BeforeEach
    void storeJar() throws IOException {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
        FileSystem fs = FileSystem.getLocal(conf);
        jar = new ChecksummedFileStore(fs, new org.apache.hadoop.fs.Path(dir.resolve("storage").toUri()))
                .write("job-" + JOB + ".jar", jarWith("marker.txt", "from the job's jar"));
        cache = new UserCodeCache(dir.resolve("local"), conf);
    }

    @Test
    void theLastTaskOfAJobReleasingItsJarClosesTheLoaderAndDeletesTheLocalCopy() throws Exception {
        ClassLoader first = cache.acquire(JOB, jar);
        ClassLoader second = cache.acquire(JOB, jar);
        assertThat(second).as("tasks of one job share its loader").isSameAs(first);
        assertThat(read(first, "marker.txt")).isEqualTo("from the job's jar");

        cache.release(jar);
        assertThat(read(first, "marker.txt")).as("one task of the job still runs").isEqualTo("from the job's jar");
        assertThat(dir.resolve("local").resolve(JOB)).isNotEmptyDirectory();

        cache.release(jar);
        assertThat(first.getResource("marker.txt")).as("the loader is closed").isNull();
        assertThat(dir.resolve("local").resolve(JOB)).doesNotExist();
    }

    @Test
    void aJarReleasedByAllItsTasksIsFetchedAgainForTheNextOne() throws Exception {
        ClassLoader before = cache.acquire(JOB, jar);
        cache.release(jar);

        ClassLoader after = cache.acquire(JOB, jar);

        assertThat(after).isNotSameAs(before);
        assertThat(read(after, "marker.txt")).isEqualTo("from the job's jar");
    }

    @Test
    void aJarThatFailsItsChecksumIsNotHeld() throws Exception {
        StatePointer corrupt = new StatePointer(jar.path(), jar.length(), jar.checksum() + 1);

        assertThatThrownBy(() -> cache.acquire(JOB, corrupt)).isInstanceOf(IOException.class);

        assertThat(read(cache.acquire(JOB, jar), "marker.txt")).as("a good pointer still loads")
                .isEqualTo("from the job's jar");
    }

    @Test
    void closingTheCacheClosesTheLoadersStillHeld() throws Exception {
        ClassLoader held = cache.acquire(JOB, jar);

        cache.close();

        assertThat(held.getResource("marker.txt")).isNull();
        assertThat(dir.resolve("local").resolve(JOB)).doesNotExist();
    }

    private static String read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] jarWith(String name, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            out.putNextEntry(new JarEntry(name));
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
