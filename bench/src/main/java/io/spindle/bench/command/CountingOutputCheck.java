package io.spindle.bench.command;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Verifies the counting example's output with the verifier inside the examples jar (the CLI does
 * not link against the examples): every expected record exactly once; and counts, from the
 * emitted log of a job run with {@code --emitted-log}, how many records the job's tasks emitted
 * in total, so how many were computed more than once. Stateless and thread-safe.
 */
final class CountingOutputCheck {

    private CountingOutputCheck() {}

    /**
     * @throws Exception if the jar lacks the verifier or the output cannot be read
     */
    static Result verify(Path examplesJar, org.apache.hadoop.conf.Configuration hadoopConf, String output,
            int parallelism, long count) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {examplesJar.toUri().toURL()},
                CountingOutputCheck.class.getClassLoader())) {
            Class<?> verifier = Class.forName("io.spindle.examples.counting.CountingOutput", true, loader);
            Class<?> emittedLog = Class.forName("io.spindle.examples.counting.EmittedLog", true, loader);
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(output);
            org.apache.hadoop.fs.FileSystem fs = dir.getFileSystem(hadoopConf);
            Method verify = verifier.getMethod("verify", org.apache.hadoop.fs.FileSystem.class,
                    org.apache.hadoop.fs.Path.class, int.class, long.class);
            Object report = verify.invoke(null, fs, dir, parallelism, count);
            boolean exactlyOnce = (Boolean) report.getClass().getMethod("exactlyOnce").invoke(report);
            long found = (Long) report.getClass().getMethod("found").invoke(report);
            long emitted = (Long) emittedLog.getMethod("total", org.apache.hadoop.fs.FileSystem.class,
                    org.apache.hadoop.fs.Path.class).invoke(null, fs, dir);
            return new Result(exactlyOnce, (String) report.getClass().getMethod("describe").invoke(report), found,
                    emitted);
        }
    }

    /**
     * The verdict, the verifier's description and the record counts.
     *
     * @param exactlyOnce whether every expected record is in the output once
     * @param description the verifier's one line; it starts with "exactly-once" when the output is right
     * @param outputRecords records in the output
     * @param emittedRecords records the tasks recorded they emitted (a lower bound when a TaskExecutor was killed)
     */
    record Result(boolean exactlyOnce, String description, long outputRecords, long emittedRecords) {

        /** Records emitted more than once: emitted minus output, at least 0. */
        long reprocessed() {
            return Math.max(0, emittedRecords - outputRecords);
        }
    }
}
