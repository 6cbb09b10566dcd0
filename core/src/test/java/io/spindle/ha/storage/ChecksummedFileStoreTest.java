package io.spindle.ha.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store on the local file system (see {@code StorageOnHdfsTest} for HDFS). */
class ChecksummedFileStoreTest {

    @TempDir
    java.nio.file.Path tmp;

    private LocalFileSystem fs;
    private java.nio.file.Path dir;
    private ChecksummedFileStore store;

    @BeforeEach
    void setUp() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
        dir = tmp.resolve("storage/cluster/jobgraphs");
        store = new ChecksummedFileStore(fs, new Path(dir.toUri()));
    }

    @Test
    void writesUnderAUniqueNameAndReadsBackVerified() throws Exception {
        byte[] data = "job graph".getBytes(StandardCharsets.UTF_8);

        StatePointer first = store.write("job-1", data);
        StatePointer second = store.write("job-1", data);

        assertThat(first.path()).isNotEqualTo(second.path());
        assertThat(new Path(first.path()).getName()).startsWith("job-1-");
        assertThat(new Path(first.path()).getParent()).isEqualTo(store.directory());
        assertThat(first.length()).isEqualTo(data.length);
        assertThat(first.checksum()).isEqualTo(second.checksum());
        assertThat(store.read(first)).isEqualTo(data);
        assertThat(store.read(store.write("empty", new byte[0]))).isEmpty();
        // our own checksum only: no Hadoop .crc sidecars, no temporary files
        assertThat(entries(dir)).hasSize(3).allMatch(name -> !name.startsWith(".") && !name.endsWith(".crc"));
    }

    @Test
    void createsPrivateFoldersAndFiles() throws Exception {
        StatePointer pointer = store.write("job-1", new byte[] {1, 2, 3});

        java.nio.file.Path file = dir.resolve(new Path(pointer.path()).getName());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        for (java.nio.file.Path folder = dir; !folder.equals(tmp); folder = folder.getParent()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void flippedByteIsReportedWithFileAndChecksums() throws Exception {
        StatePointer pointer = store.write("job-1", "some state".getBytes(StandardCharsets.UTF_8));
        java.nio.file.Path file = java.nio.file.Path.of(new Path(pointer.path()).toUri());
        byte[] bytes = Files.readAllBytes(file);
        bytes[3] ^= 0x01;
        Files.write(file, bytes);

        assertThatThrownBy(() -> store.read(pointer))
                .isInstanceOfSatisfying(StateFileException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StateFileException.Kind.CORRUPT);
                    assertThat(e.location()).isEqualTo(pointer.path());
                })
                .hasMessageContaining(pointer.path())
                .hasMessageContaining("expected crc32c " + pointer.checksumHex())
                .hasMessageContaining("actual crc32c ");
    }

    @Test
    void shorterOrLongerFileIsReportedWithBothLengths() throws Exception {
        StatePointer pointer = store.write("job-1", "0123456789".getBytes(StandardCharsets.UTF_8));
        java.nio.file.Path file = java.nio.file.Path.of(new Path(pointer.path()).toUri());

        Files.write(file, "01234".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.read(pointer))
                .isInstanceOf(StateFileException.class)
                .hasMessageContaining(pointer.path())
                .hasMessageContaining("expected length 10, actual length 5");

        Files.write(file, "0123456789abc".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.read(pointer))
                .isInstanceOf(StateFileException.class)
                .hasMessageContaining("expected length 10, actual length 13");
    }

    @Test
    void missingFileIsReportedAsMissing() throws Exception {
        StatePointer pointer = store.write("job-1", new byte[] {1});
        assertThat(store.delete(pointer)).isTrue();

        assertThatThrownBy(() -> store.read(pointer))
                .isInstanceOfSatisfying(StateFileException.class,
                        e -> assertThat(e.kind()).isEqualTo(StateFileException.Kind.MISSING))
                .hasMessageContaining(pointer.path())
                .hasMessageContaining("missing");
        assertThat(store.delete(pointer)).isFalse();
    }

    @Test
    void failedWriteLeavesNoTemporaryFile() throws Exception {
        // Through the Hadoop code path (not java.nio), with a rename that fails after the temporary file is complete.
        FileSystem failingRename = new FilterFileSystem(fs.getRawFileSystem()) {
            @Override
            public boolean rename(Path src, Path dst) throws IOException {
                throw new IOException("injected rename failure");
            }
        };
        ChecksummedFileStore failing = new ChecksummedFileStore(failingRename, new Path(dir.toUri()));

        assertThatThrownBy(() -> failing.write("job-1", new byte[] {1, 2, 3})).hasMessageContaining("injected");
        assertThat(entries(dir)).isEmpty();
    }

    @Test
    void doesNotDeleteFilesOutsideItsFolder() throws Exception {
        java.nio.file.Path outside = Files.writeString(tmp.resolve("precious"), "x");
        StatePointer foreign = new StatePointer(new Path(outside.toUri()).toString(), 1, 0);

        assertThat(store.delete(foreign)).isFalse();
        assertThat(outside).exists();
    }

    @Test
    void readsPointersIntoOtherFolders() throws Exception {
        ChecksummedFileStore other = new ChecksummedFileStore(fs, new Path(tmp.resolve("elsewhere").toUri()));
        StatePointer pointer = other.write("x", new byte[] {4, 2});

        assertThat(store.read(pointer)).containsExactly(4, 2);
    }

    @Test
    void rejectsInvalidNames() {
        for (String name : new String[] {"", ".hidden", "a/b", "a b", "..", "x".repeat(201)}) {
            assertThatThrownBy(() -> store.write(name, new byte[1])).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dir).doesNotExist();
    }

    static List<String> entries(java.nio.file.Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<java.nio.file.Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
