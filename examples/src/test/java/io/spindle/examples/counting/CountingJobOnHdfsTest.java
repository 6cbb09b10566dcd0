package io.spindle.examples.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.spindle.examples.testing.JobDriver;
import io.spindle.examples.testing.OutputFiles;
import io.spindle.testing.SpindleClusterExtension;

/** The counting job and its sink on a real (mini) HDFS, through crashes. */
class CountingJobOnHdfsTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withHdfs().build();

    private static final int PARALLELISM = 2;
    private static final long COUNT = 300;

    @Test
    void isExactlyOnceOnHdfsThroughCrashes() throws Exception {
        FileSystem fs = CLUSTER.fileSystem();
        Path output = new Path(CLUSTER.hdfsUri().toString() + "/jobs/counting-crashes");
        List<String> args = List.of("--output", output.toString(), "--count", Long.toString(COUNT),
                "--records-per-step", "9");
        try (JobDriver driver = new JobDriver(new CountingJob(), PARALLELISM, args, CLUSTER.hadoopConf())) {
            driver.deploy();
            driver.steps(5);
            driver.checkpoint();
            driver.steps(5);
            driver.complete(driver.snapshot());
            driver.crash(); // between snapshot and notify; its streams stay open, as after a kill -9

            driver.deploy();
            assertThat(CountingOutput.verify(fs, output, PARALLELISM, COUNT).distinct())
                    .isEqualTo(PARALLELISM * 10 * 9);
            driver.steps(4);
            driver.crash(); // mid-run: in-progress files of an open writer

            driver.deploy();
            assertThat(OutputFiles.inProgress(fs, output)).isEmpty();
            driver.runToEnd(7);
        }

        CountingOutput.Report report = CountingOutput.verify(fs, output, PARALLELISM, COUNT);
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
        assertThat(OutputFiles.pending(fs, output)).isEmpty();
        assertThat(OutputFiles.parts(fs, output)).allMatch(n -> n.matches("part-0000[01]-\\d{10}"));

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code = CountingOutput.run(new String[] {output.toString(), "2", "300"}, CLUSTER.hadoopConf(),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("exactly-once: 600 of 600 records");
    }
}
