package io.spindle.ha.storage;

import org.apache.hadoop.conf.Configuration;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobResultStoreTest {

    private static final Instant FINISHED = Instant.parse("2026-11-25T10:15:30.123Z");

    @TempDir
    java.nio.file.Path tmp;

    private java.nio.file.Path dir;
    private JobResultStore store;

    @BeforeEach
    void setUp() throws Exception {
        dir = tmp.resolve("cluster/job-results");
        store = new JobResultStore(FileSystem.getLocal(new Configuration()), new Path(dir.toUri()));
    }

    @Test
    void aResultMarkedCleanWhileTheHistoryIsReadIsReadUnderItsNewName() throws Exception {
        JobResult result = new JobResult("job-1", JobResult.Status.SUCCEEDED, "", FINISHED);
        store.createDirty(result);
        FileSystem local = FileSystem.getLocal(new Configuration());
        // The cleanup marks the result clean between the history's listing and its read of the file.
        FileSystem cleanedMeanwhile = new FilterFileSystem(local) {
            {
                setConf(local.getConf());
            }

            @Override
            public FSDataInputStream open(Path file, int bufferSize) throws IOException {
                if (file.getName().endsWith(".dirty")) {
                    store.markClean("job-1");
                }
                return super.open(file, bufferSize);
            }
        };

        assertThat(new JobResultStore(cleanedMeanwhile, new Path(dir.toUri())).all()).containsExactly(result);
    }

    @Test
    void dirtyThenClean() throws Exception {
        JobResult result = new JobResult("job-1", JobResult.Status.SUCCEEDED, "", FINISHED);
        assertThat(store.hasJobResult("job-1")).isFalse();

        store.createDirty(result);

        assertThat(store.hasJobResult("job-1")).isTrue();
        assertThat(store.hasDirtyResult("job-1")).isTrue();
        assertThat(store.hasCleanResult("job-1")).isFalse();
        assertThat(store.dirtyResults().entries()).containsOnlyKeys("job-1").containsValue(result);
        assertThat(ChecksummedFileStoreTest.entries(dir)).containsExactly("job-1.dirty");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("job-1.dirty")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

        store.markClean("job-1");

        assertThat(store.hasJobResult("job-1")).isTrue();
        assertThat(store.hasDirtyResult("job-1")).isFalse();
        assertThat(store.hasCleanResult("job-1")).isTrue();
        assertThat(store.dirtyResults().entries()).isEmpty();
        assertThat(store.get("job-1")).contains(result);
        assertThat(ChecksummedFileStoreTest.entries(dir)).containsExactly("job-1.clean");

        store.markClean("job-1"); // idempotent
        assertThat(store.hasCleanResult("job-1")).isTrue();
    }

    @Test
    void everyResultDirtyOrCleanIsTheJobHistoryWithItsSummary() throws Exception {
        JobResult.Summary summary = new JobResult.Summary("counting\nnight", 4, FINISHED.minusSeconds(60), 2, 3, 1);
        JobResult first = new JobResult("job-1", JobResult.Status.FAILED, "boom", FINISHED, summary);
        JobResult second = new JobResult("job-2", JobResult.Status.SUCCEEDED, "", FINISHED.plusSeconds(1));
        store.createDirty(second);
        store.createDirty(first);
        store.markClean("job-1");
        Files.writeString(dir.resolve("job-3.clean"), "damaged");

        assertThat(store.all()).as("oldest first, the damaged one left out").containsExactly(first, second);
        assertThat(store.get("job-1").orElseThrow().summary()).isEqualTo(summary);
        assertThat(second.summary()).isEqualTo(JobResult.Summary.unknown(second.finishedAt()));
    }

    @Test
    void aResultWrittenWithoutSummaryReadsAsUnknown() throws Exception {
        String body = "spindle-job-result v1\njobId=job-1\nstatus=CANCELED\nfinishedAt=" + FINISHED + "\ndiagnostics=\n";
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("job-1.clean"), body + "crc32c=" + StatePointer.hex(crc.getValue()) + "\n");

        assertThat(store.get("job-1").orElseThrow().summary()).isEqualTo(JobResult.Summary.unknown(FINISHED));
    }

    @Test
    void aJobHasAtMostOneResult() throws Exception {
        store.createDirty(new JobResult("job-1", JobResult.Status.FAILED, "boom", FINISHED));

        assertThatThrownBy(() -> store.createDirty(new JobResult("job-1", JobResult.Status.SUCCEEDED, "", FINISHED)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("job-1");
        store.markClean("job-1");
        assertThatThrownBy(() -> store.createDirty(new JobResult("job-1", JobResult.Status.SUCCEEDED, "", FINISHED)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.get("job-1").orElseThrow().status()).isEqualTo(JobResult.Status.FAILED);
    }

    @Test
    void pruningKeepsTheNewestCleanResultsAndEveryDirtyOne() throws Exception {
        for (int i = 1; i <= 4; i++) {
            store.createDirty(new JobResult("job-" + i, JobResult.Status.SUCCEEDED, "", FINISHED.plusSeconds(i)));
            store.markClean("job-" + i);
            // the order is the files' modification times, as HDFS and the local file system keep them
            Files.setLastModifiedTime(dir.resolve("job-" + i + ".clean"),
                    java.nio.file.attribute.FileTime.from(FINISHED.plusSeconds(i)));
        }
        store.createDirty(new JobResult("job-0", JobResult.Status.FAILED, "cleanup pending", FINISHED));

        assertThat(store.pruneCleanResults(2)).containsExactly("job-1", "job-2");

        assertThat(store.all()).extracting(JobResult::jobId).containsExactly("job-0", "job-3", "job-4");
        assertThat(store.hasDirtyResult("job-0")).as("a cleanup still pending keeps its result").isTrue();
        assertThat(store.pruneCleanResults(2)).as("nothing beyond the retained number").isEmpty();
        assertThatThrownBy(() -> store.pruneCleanResults(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markingAnUnknownJobCleanFails() {
        assertThatThrownBy(() -> store.markClean("job-9")).isInstanceOf(NoSuchElementException.class).hasMessageContaining("job-9");
    }

    @Test
    void diagnosticsSurviveLineBreaksAndBackslashes() throws Exception {
        String trace = "java.lang.RuntimeException: a\\b = c\r\n\tat x.y(Z.java:1)\n\tat ünïcode\n";
        JobResult result = new JobResult("job-2", JobResult.Status.CANCELED, trace, FINISHED);

        store.createDirty(result);

        assertThat(store.get("job-2")).contains(result);
        assertThat(Files.readString(dir.resolve("job-2.dirty")))
                .startsWith("spindle-job-result v1\njobId=job-2\nstatus=CANCELED\nfinishedAt=2026-11-25T10:15:30.123Z\n")
                .containsOnlyOnce("\ncrc32c=");
    }

    @Test
    void corruptDirtyResultIsReportedNamingTheFile() throws Exception {
        store.createDirty(new JobResult("job-1", JobResult.Status.SUCCEEDED, "", FINISHED));
        store.createDirty(new JobResult("job-2", JobResult.Status.FAILED, "boom", FINISHED));
        java.nio.file.Path file = dir.resolve("job-2.dirty");
        Files.writeString(file, Files.readString(file).replace("FAILED", "FAILEX"));

        Recovered<JobResult> dirty = store.dirtyResults();

        assertThat(dirty.entries()).containsOnlyKeys("job-1");
        assertThat(dirty.failures()).containsOnlyKeys("job-2");
        assertThat(dirty.failures().get("job-2"))
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("expected crc32c");
        assertThat(dirty.failures().get("job-2").kind()).isEqualTo(StateFileException.Kind.CORRUPT);
        assertThatThrownBy(() -> store.get("job-2")).isInstanceOf(StateFileException.class).hasMessageContaining("job-2.dirty");
    }

    @Test
    void truncatedOrMislabelledFilesAreCorrupt() throws Exception {
        store.createDirty(new JobResult("job-1", JobResult.Status.SUCCEEDED, "", FINISHED));
        byte[] full = Files.readAllBytes(dir.resolve("job-1.dirty"));
        Files.write(dir.resolve("job-3.dirty"), java.util.Arrays.copyOf(full, full.length / 2));
        Files.write(dir.resolve("job-4.dirty"), full); // says job-1 inside

        Recovered<JobResult> dirty = store.dirtyResults();

        assertThat(dirty.failures()).containsOnlyKeys("job-3", "job-4");
        assertThat(dirty.failures().get("job-3")).hasMessageContaining("job-3.dirty");
        assertThat(dirty.failures().get("job-4")).hasMessageContaining("job-4.dirty").hasMessageContaining("not of job job-4");
    }

    @Test
    void noFolderMeansNoResults() throws Exception {
        assertThat(store.dirtyResults().entries()).isEmpty();
        assertThat(store.get("job-1")).isEmpty();
        assertThat(dir).doesNotExist();
    }
}
