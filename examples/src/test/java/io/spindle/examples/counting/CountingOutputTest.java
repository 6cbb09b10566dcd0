package io.spindle.examples.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountingOutputTest {

    @TempDir
    java.nio.file.Path tmp;

    private final Configuration conf = new Configuration();
    private FileSystem fs;
    private Path out;

    @BeforeEach
    void setUp() throws IOException {
        fs = FileSystem.getLocal(conf);
        out = new Path(tmp.toUri().toString(), "out");
        fs.mkdirs(out);
    }

    private void file(String name, String... lines) throws IOException {
        try (FSDataOutputStream s = fs.create(new Path(out, name), true)) {
            for (String line : lines) {
                s.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void acceptsCompleteOutputSpreadOverFiles() throws IOException {
        file("part-00000-0000000001", "0,0", "0,1");
        file("part-00000-0000000002", "0,2");
        file("part-00001-0000000001", "1,2", "1,0", "1,1");

        CountingOutput.Report report = CountingOutput.verify(fs, out, 2, 3);
        assertThat(report.exactlyOnce()).isTrue();
        assertThat(report).extracting("expected", "found", "distinct", "duplicates", "missing", "unexpected", "files")
                .containsExactly(6L, 6L, 6L, 0L, 0L, 0L, 3);
        assertThat(report.describe()).isEqualTo("exactly-once: 6 of 6 records in 3 files");
    }

    @Test
    void ignoresHiddenFiles() throws IOException {
        file("part-00000-0000000001", "0,0");
        file("_fail-marker", "0,0");
        fs.mkdirs(new Path(out, "_pending"));
        file("_pending/task-00000-cp-0000000002-d.pending", "0,0");
        file(".part-00000-0000000009", "0,0");

        CountingOutput.Report report = CountingOutput.verify(fs, out, 1, 1);
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
    }

    @Test
    void reportsDuplicatesMissingAndUnexpectedRecords() throws IOException {
        file("part-00000-0000000001", "0,0", "0,1", "0,1", "garbage", "2,0", "0,5", "01,0");
        file("part-00001-0000000001", "1,0", "1,0", "1,0");

        CountingOutput.Report report = CountingOutput.verify(fs, out, 2, 3);
        assertThat(report.exactlyOnce()).isFalse();
        assertThat(report.duplicates()).isEqualTo(3);
        assertThat(report.duplicateExamples()).containsExactly("0,1", "1,0", "1,0");
        assertThat(report.missing()).isEqualTo(3);
        assertThat(report.missingExamples()).containsExactly("0,2", "1,1", "1,2");
        assertThat(report.unexpected()).isEqualTo(4);
        assertThat(report.unexpectedExamples()).containsExactly("'garbage'", "'2,0'", "'0,5'", "'01,0'");
        assertThat(report.describe()).startsWith("NOT exactly-once: expected 6 records, found 6 (3 distinct)")
                .contains("3 duplicates", "3 missing (e.g. 0,2 1,1 1,2)", "4 unexpected")
                .doesNotContain("\n");
    }

    @Test
    void aMissingDirectoryIsEmptyOutput() throws IOException {
        CountingOutput.Report report = CountingOutput.verify(fs, new Path(out, "nothing"), 2, 10);
        assertThat(report.missing()).isEqualTo(20);
        assertThat(report.missingExamples()).hasSize(CountingOutput.MAX_EXAMPLES);
        assertThat(report.exactlyOnce()).isFalse();
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> CountingOutput.verify(fs, out, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism");
        assertThatThrownBy(() -> CountingOutput.verify(fs, out, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count");
    }

    @Test
    void commandLineExitsZeroOneOrTwo() throws IOException {
        file("part-00000-0000000001", "0,0", "0,1");
        assertThat(run(out.toString(), "1", "2")).isEqualTo(0);
        assertThat(run(out.toString(), "1", "3")).isEqualTo(1);
        assertThat(run(out.toString(), "one", "3")).isEqualTo(2);
        assertThat(run(out.toString())).isEqualTo(2);
    }

    @Test
    void commandLinePrintsTheReport() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = CountingOutput.run(new String[] {out.toString(), "1", "0"}, conf, stdout, System.err);
        assertThat(code).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("exactly-once: 0 of 0 records in 0 files"
                + System.lineSeparator());
    }

    private int run(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return CountingOutput.run(args, conf, sink, sink);
    }

    @Test
    void readsWhatTheJobWrites() throws Exception {
        // The job and the verifier agree on the record format.
        try (var driver = new io.spindle.examples.testing.JobDriver(new CountingJob(), 2,
                List.of("--output", out.toString(), "--count", "25", "--records-per-step", "4"), conf)) {
            driver.deploy().runToEnd(2);
        }
        assertThat(CountingOutput.verify(fs, out, 2, 25).exactlyOnce()).isTrue();
        assertThat(CountingOutput.verify(fs, out, 2, 26).exactlyOnce()).isFalse();
        assertThat(CountingOutput.verify(fs, out, 3, 25).exactlyOnce()).isFalse();
    }
}
