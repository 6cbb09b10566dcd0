package io.spindle.examples.counting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.spindle.examples.testing.JobDriver;

/**
 * {@link CountingJob} runs of a test, on the local file system: {@value #PARALLELISM} tasks counting
 * to {@value #COUNT}, {@value #PER_STEP} records a step, writing below one output folder. Every
 * driver made by {@link #driver} is closed by {@link #close()}. Not thread-safe.
 */
final class CountingRuns implements AutoCloseable {

    static final int PARALLELISM = 3;
    static final long COUNT = 200;
    static final int PER_STEP = 7;

    private final Configuration conf = new Configuration();
    private final FileSystem fs;
    private final Path output;
    private final List<JobDriver> drivers = new ArrayList<>();

    /** Runs writing to {@code out} below {@code tmp}; throws when the local file system cannot be had. */
    CountingRuns(java.nio.file.Path tmp) throws IOException {
        fs = FileSystem.getLocal(conf);
        output = new Path(tmp.toUri().toString(), "out");
    }

    FileSystem fs() {
        return fs;
    }

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

    @Override
    public void close() {
        drivers.forEach(JobDriver::close);
    }
}
