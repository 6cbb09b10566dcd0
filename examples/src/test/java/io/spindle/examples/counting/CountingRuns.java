package io.spindle.examples.counting;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.spindle.examples.testing.JobDriver;

/**
 * {@link CountingJob} runs of one test, on the local file system: {@value #PARALLELISM} tasks
 * counting to {@value #COUNT}, {@value #PER_STEP} records a step. A JUnit extension, registered in
 * an instance field: before each test it makes a new temporary folder holding the output folder;
 * after it, it closes every driver made by {@link #driver} and deletes the folder. Not thread-safe.
 */
final class CountingRuns implements BeforeEachCallback, AfterEachCallback {

    static final int PARALLELISM = 3;
    static final long COUNT = 200;
    static final int PER_STEP = 7;

    private final Configuration conf = new Configuration();
    private final List<JobDriver> drivers = new ArrayList<>();
    private FileSystem fs;
    private Path folder;
    private Path output;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        fs = FileSystem.getLocal(conf);
        folder = new Path(Files.createTempDirectory("counting-runs").toUri().toString());
        output = new Path(folder, "out");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        drivers.forEach(JobDriver::close);
        drivers.clear();
        fs.delete(folder, true);
    }

    /** The local file system. */
    FileSystem fs() {
        return fs;
    }

    /** The output folder of this test's runs. */
    Path output() {
        return output;
    }

    /** A driver of the counting job with the standard arguments and {@code extraArgs} after them. */
    JobDriver driver(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--output", output.toString(), "--count", Long.toString(COUNT),
                "--records-per-step", Integer.toString(PER_STEP)));
        args.addAll(List.of(extraArgs));
        JobDriver driver = new JobDriver(new CountingJob(), PARALLELISM, args, conf);
        drivers.add(driver);
        return driver;
    }

    /** What the committed output holds, against every task counting to {@link #COUNT}. */
    CountingOutput.Report verify() throws IOException {
        return CountingOutput.verify(fs, output, PARALLELISM, COUNT);
    }
}
