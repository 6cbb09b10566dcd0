package io.spindle.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spindle.examples.testing.JobDriver;
import io.spindle.examples.testing.OutputFiles;

class WordCountJobTest {

    private static final int PARALLELISM = 2;

    @TempDir
    java.nio.file.Path tmp;

    private final Configuration conf = new Configuration();
    private FileSystem fs;
    private Path input;
    private Path output;
    private final Map<String, Long> expected = new HashMap<>();
    private final List<JobDriver> drivers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        fs = FileSystem.getLocal(conf);
        input = new Path(tmp.toUri().toString(), "in");
        output = new Path(tmp.toUri().toString(), "out");
        // 5 files, some longer than a step, with words shared between tasks' files
        writeInput("a.txt", 250, i -> "the quick brown fox " + i % 7);
        writeInput("b.txt", 3, i -> "The fox, the DOG!");
        writeInput("c.txt", 0, i -> "");
        writeInput("d.txt", 180, i -> "über fox jumps " + (i % 2 == 0 ? "high" : ""));
        writeInput("e.txt", 101, i -> "dog " + i);
        fs.create(new Path(input, "_SUCCESS"), true).close(); // hidden: not input
    }

    @AfterEach
    void tearDown() {
        drivers.forEach(JobDriver::close);
    }

    private void writeInput(String name, int lines, java.util.function.IntFunction<String> line) throws IOException {
        try (FSDataOutputStream s = fs.create(new Path(input, name), true)) {
            for (int i = 0; i < lines; i++) {
                String text = line.apply(i);
                s.write((text + "\n").getBytes(StandardCharsets.UTF_8));
                for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[ ,!]+")) {
                    if (!word.isEmpty()) {
                        expected.merge(word, 1L, Long::sum);
                    }
                }
            }
        }
    }

    private JobDriver driver() {
        JobDriver driver = new JobDriver(new WordCountJob(), PARALLELISM,
                List.of("--input", input.toString(), "--output", output.toString()), conf);
        drivers.add(driver);
        return driver;
    }

    /** Sums the per-task counts of every visible part file; fails on a word listed twice in one file. */
    private Map<String, Long> readTotals() throws IOException {
        Map<String, Long> totals = new HashMap<>();
        for (String part : OutputFiles.parts(fs, output)) {
            Map<String, Long> inFile = new HashMap<>();
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(fs.open(new Path(output, part)), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String[] fields = line.split("\t");
                    assertThat(fields).as(line).hasSize(2);
                    assertThat(inFile.put(fields[0], Long.parseLong(fields[1]))).as("%s twice in %s", fields[0], part)
                            .isNull();
                    totals.merge(fields[0], Long.parseLong(fields[1]), Long::sum);
                }
            }
        }
        return totals;
    }

    @Test
    void countsEveryWordOnce() throws Exception {
        driver().deploy().runToEnd(2);
        assertThat(readTotals()).isEqualTo(expected);
        assertThat(OutputFiles.parts(fs, output)).hasSize(PARALLELISM);
    }

    @Test
    void aTasksCountsAppearOnceWithTheCheckpointAfterItFinished() throws Exception {
        // task 0 reads a, c, e (351 lines: 4 steps); task 1 reads b, d (183 lines: 2 steps)
        JobDriver driver = driver().deploy();
        assertThat(driver.step()).isTrue();
        driver.checkpoint();
        assertThat(OutputFiles.parts(fs, output)).isEmpty();

        assertThat(driver.step()).isTrue(); // task 1 finishes and writes its counts
        long cp = driver.snapshot();
        driver.complete(cp);
        assertThat(OutputFiles.parts(fs, output)).isEmpty();
        driver.notifyComplete(cp);
        assertThat(OutputFiles.parts(fs, output)).containsExactly(String.format("part-00001-%010d", cp));

        driver.runToEnd(1);
        assertThat(OutputFiles.parts(fs, output)).hasSize(PARALLELISM);
        assertThat(readTotals()).isEqualTo(expected);
    }

    @Test
    void crashMidReadAndBetweenFinalSnapshotAndNotifyStillCountsOnce() throws Exception {
        JobDriver driver = driver().deploy();
        driver.steps(2);
        driver.checkpoint(); // mid-file for task 0 (a.txt has 250 lines)
        driver.steps(1);
        driver.crash(); // the lines of that step are counted again from the checkpoint

        driver.deploy();
        driver.steps(1);
        driver.checkpoint();
        while (driver.step()) {
            // read to the end; counts written to the in-progress files
        }
        driver.crash(); // written but not snapshotted: discarded, recomputed

        driver.deploy();
        while (driver.step()) {
            // again to the end
        }
        long last = driver.snapshot();
        driver.complete(last);
        driver.crash(); // before the notify: the next open commits

        driver.deploy();
        assertThat(readTotals()).isEqualTo(expected);
        driver.runToEnd(1);
        assertThat(readTotals()).isEqualTo(expected);
        assertThat(OutputFiles.pending(fs, output)).isEmpty();
        assertThat(OutputFiles.inProgress(fs, output)).isEmpty();
    }

    @Test
    void assignsFilesByIndexModuloParallelism() throws IOException {
        List<String> task0 = InputFiles.assigned(fs, input, 0, 2).stream().map(Path::getName).toList();
        List<String> task1 = InputFiles.assigned(fs, input, 1, 2).stream().map(Path::getName).toList();
        assertThat(task0).containsExactly("a.txt", "c.txt", "e.txt");
        assertThat(task1).containsExactly("b.txt", "d.txt");
    }

    @Test
    void stateRoundTripsAndRejectsUnknownVersions() {
        java.util.SortedMap<String, Long> counts = new java.util.TreeMap<>(Map.of("über", 3L, "fox", 1L));
        WordCountState state = new WordCountState(2, 17, false, counts, new byte[] {1, 2, 3});
        WordCountState decoded = WordCountState.decode(state.encode());
        assertThat(decoded.counts()).isEqualTo(counts);
        assertThat(decoded.sinkState()).containsExactly(1, 2, 3);
        assertThat(decoded).extracting("fileIndex", "lineNumber", "emitted").containsExactly(2, 17L, false);

        byte[] bytes = state.encode();
        bytes[3] = 9;
        assertThatThrownBy(() -> WordCountState.decode(bytes)).isInstanceOf(IllegalStateException.class)
                .hasMessage("word count task state has version 9, but this jar reads only version 1");
    }

    @Test
    void validateRequiresInputAndOutput() {
        WordCountJob job = new WordCountJob();
        assertThatThrownBy(() -> job.validate(List.of("--output", "/o")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--input is required");
        assertThatThrownBy(() -> job.validate(List.of("--input", "/i")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--output is required");
        assertThatThrownBy(() -> job.validate(List.of("--input", "/i", "--output", "/o", "--count", "3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown argument --count");
        job.validate(List.of("--input", "/i", "--output", "/o"));
    }
}
