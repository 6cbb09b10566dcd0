package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.testing.SpindleClusterExtension;
import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.LibDirectory;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared copy of {@code lib/} on a real HDFS (MiniDFSCluster): uploaded once, reused, replaced
 * when damaged, and safe under concurrent first submissions. Each test hashes jars of its own random
 * content, so each gets a folder of its own.
 */
class SharedLibraryTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withHdfs().build();

    @TempDir
    Path tmp;

    @Test
    void aSecondSubmissionReusesTheCopyWithoutUploadingAnything() throws Exception {
        Path lib = localLib(new Random(1));
        FileSystem fs = CLUSTER.fileSystem();

        SharedLibrary.Published first = SharedLibrary.of(fs, lib).publish();
        assertThat(first.uploadedFiles()).isEqualTo(3);
        assertThat(first.uploadedBytes()).isEqualTo(sizeOf(lib));
        Map<String, Long> writtenAt = modificationTimes(fs, first.dir());

        SharedLibrary.Published second = SharedLibrary.of(fs, lib).publish();
        assertThat(second.dir()).isEqualTo(first.dir());
        assertThat(second.uploadedFiles()).isZero();
        assertThat(second.uploadedBytes()).isZero();
        assertThat(modificationTimes(fs, second.dir())).as("not one file written again").isEqualTo(writtenAt);
        assertThat(first.dir().getParent()).isEqualTo(fs.makeQualified(new org.apache.hadoop.fs.Path(
                fs.getHomeDirectory(), ".spindle/lib")));
    }

    @Test
    void anotherDistributionGetsAnotherFolder() throws Exception {
        FileSystem fs = CLUSTER.fileSystem();
        Path lib = localLib(new Random(2));
        SharedLibrary.Published one = SharedLibrary.of(fs, lib).publish();
        Files.write(lib.resolve("b.jar"), new byte[] {1, 2, 3});

        SharedLibrary.Published other = SharedLibrary.of(fs, lib).publish();

        assertThat(other.dir()).isNotEqualTo(one.dir());
        assertThat(other.uploadedFiles()).isEqualTo(3);
    }

    @Test
    void aCopyWithAChangedFileOfTheSameLengthIsDetectedAndReplaced() throws Exception {
        FileSystem fs = CLUSTER.fileSystem();
        Path lib = localLib(new Random(3));
        SharedLibrary shared = SharedLibrary.of(fs, lib);
        org.apache.hadoop.fs.Path dir = shared.publish().dir();
        org.apache.hadoop.fs.Path damaged = new org.apache.hadoop.fs.Path(dir, "b.jar");
        long length = fs.getFileStatus(damaged).getLen();
        try (OutputStream out = fs.create(damaged, true)) {
            out.write(new byte[(int) length]);
        }
        assertThat(shared.check(dir)).hasValueSatisfying(problem -> assertThat(problem).contains("b.jar", "checksum"));

        SharedLibrary.Published replaced = SharedLibrary.of(fs, lib).publish();

        assertThat(replaced.dir()).isEqualTo(dir);
        assertThat(replaced.uploadedFiles()).isEqualTo(3);
        assertThat(shared.check(dir)).isEmpty();
        assertThat(contentOf(fs, damaged)).isEqualTo(Files.readAllBytes(lib.resolve("b.jar")));
    }

    @Test
    void aHalfWrittenCopyIsDetectedAndReplaced() throws Exception {
        FileSystem fs = CLUSTER.fileSystem();
        Path lib = localLib(new Random(4));
        SharedLibrary shared = SharedLibrary.of(fs, lib);
        org.apache.hadoop.fs.Path dir = shared.dir();
        // What an uploader that died half-way through a non-atomic copy would leave: one jar, truncated, no manifest.
        fs.mkdirs(dir);
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(dir, "a.jar"))) {
            out.write(Arrays.copyOf(Files.readAllBytes(lib.resolve("a.jar")), 10));
        }
        assertThat(shared.check(dir)).hasValueSatisfying(problem -> assertThat(problem).contains("manifest"));

        SharedLibrary.Published published = shared.publish();

        assertThat(published.uploadedFiles()).isEqualTo(3);
        assertThat(shared.check(dir)).isEmpty();

        // A truncated jar under an intact manifest is caught by its length.
        org.apache.hadoop.fs.Path jar = new org.apache.hadoop.fs.Path(dir, "c.jar");
        try (OutputStream out = fs.create(jar, true)) {
            out.write(new byte[] {1});
        }
        assertThat(shared.check(dir)).hasValueSatisfying(problem -> assertThat(problem).contains("c.jar", "bytes"));
        assertThat(SharedLibrary.of(fs, lib).publish().uploadedFiles()).isEqualTo(3);
        assertThat(shared.check(dir)).isEmpty();
    }

    @Test
    void twoConcurrentFirstSubmissionsBothSucceedAndLeaveOneIntactCopy() throws Exception {
        FileSystem fs = CLUSTER.fileSystem();
        Path lib = localLib(new Random(5));
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<SharedLibrary.Published>> runs = List.of(1, 2).stream()
                    .map(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            SharedLibrary shared = SharedLibrary.of(fs, lib);
                            start.await(10, TimeUnit.SECONDS);
                            return shared.publish();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool)).toList();
            List<SharedLibrary.Published> results = runs.stream().map(f -> f.orTimeout(60, TimeUnit.SECONDS).join())
                    .toList();

            assertThat(results).extracting(SharedLibrary.Published::dir).containsOnly(results.get(0).dir());
            assertThat(results.stream().mapToInt(SharedLibrary.Published::uploadedFiles).max()).hasValue(3);
            SharedLibrary shared = SharedLibrary.of(fs, lib);
            assertThat(shared.check(shared.dir())).isEmpty();
            assertThat(LibDirectory.list(fs, shared.dir())).extracting(LibDirectory.Entry::relativePath)
                    .containsExactly("lib/a.jar", "lib/b.jar", "lib/c.jar");
            assertThat(Arrays.stream(fs.listStatus(shared.dir().getParent())).map(s -> s.getPath().getName()))
                    .as("no temporary folder left").noneMatch(name -> name.startsWith(".tmp-"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOwnersCopyIsAPrivateResourceAndTheManifestNoResource() throws Exception {
        FileSystem fs = CLUSTER.fileSystem();
        org.apache.hadoop.fs.Path dir = SharedLibrary.of(fs, localLib(new Random(6))).publish().dir();

        List<LibDirectory.Entry> entries = LibDirectory.list(fs, dir);

        assertThat(fs.exists(new org.apache.hadoop.fs.Path(dir, AmLaunchContract.LIB_MANIFEST))).isTrue();
        assertThat(entries).hasSize(3).extracting(LibDirectory.Entry::visibility)
                .containsOnly(LocalResourceVisibility.PRIVATE);
    }

    @Test
    void aFolderEveryoneMayReadIsAPublicResource() throws Exception {
        FileSystem fs = CLUSTER.fileSystem();
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path("/shared-spindle-lib");
        fs.mkdirs(dir);
        org.apache.hadoop.fs.Path jar = new org.apache.hadoop.fs.Path(dir, "x.jar");
        try (OutputStream out = fs.create(jar)) {
            out.write(new byte[] {1, 2});
        }
        fs.setPermission(new org.apache.hadoop.fs.Path("/"), new org.apache.hadoop.fs.permission.FsPermission((short) 0755));
        fs.setPermission(dir, new org.apache.hadoop.fs.permission.FsPermission((short) 0755));
        fs.setPermission(jar, new org.apache.hadoop.fs.permission.FsPermission((short) 0644));
        assertThat(LibDirectory.list(fs, dir)).extracting(LibDirectory.Entry::visibility)
                .containsExactly(LocalResourceVisibility.PUBLIC);

        fs.setPermission(jar, new org.apache.hadoop.fs.permission.FsPermission((short) 0600));
        assertThat(LibDirectory.list(fs, dir)).extracting(LibDirectory.Entry::visibility)
                .containsExactly(LocalResourceVisibility.PRIVATE);
    }

    /** A local lib/ of three jars of random content (a few hundred KB, so uploads span several packets). */
    private Path localLib(Random random) throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib-" + random.nextInt(1_000_000)));
        for (String name : List.of("a.jar", "b.jar", "c.jar")) {
            byte[] content = new byte[100_000 + random.nextInt(200_000)];
            random.nextBytes(content);
            Files.write(lib.resolve(name), content);
        }
        return lib;
    }

    private static long sizeOf(Path lib) throws Exception {
        try (var files = Files.list(lib)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static Map<String, Long> modificationTimes(FileSystem fs, org.apache.hadoop.fs.Path dir) throws Exception {
        return Arrays.stream(fs.listStatus(dir))
                .collect(Collectors.toMap(s -> s.getPath().getName(), FileStatus::getModificationTime));
    }

    private static byte[] contentOf(FileSystem fs, org.apache.hadoop.fs.Path file) throws Exception {
        try (var in = fs.open(file)) {
            return in.readAllBytes();
        }
    }
}
