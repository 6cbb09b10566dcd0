package io.spindle.bench.chaos;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * The counting example's own check of an output ({@code CountingOutput.verify} inside the
 * examples jar, which the bench does not link against), as numbers: records missing and records
 * found more than once (or not expected at all).
 *
 * @param lost records expected but not found
 * @param duplicated extra copies plus unexpected records
 * @param describe the verifier's one-line description
 */
record CountingVerdict(long lost, long duplicated, String describe) {

    /** Runs the verifier of {@code examplesJar} on {@code output}. */
    static CountingVerdict verify(java.nio.file.Path examplesJar, org.apache.hadoop.fs.FileSystem fs,
            org.apache.hadoop.fs.Path output, int parallelism, long count) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {examplesJar.toUri().toURL()},
                CountingVerdict.class.getClassLoader())) {
            Class<?> verifier = Class.forName("io.spindle.examples.counting.CountingOutput", true, loader);
            Method verify = verifier.getMethod("verify", org.apache.hadoop.fs.FileSystem.class,
                    org.apache.hadoop.fs.Path.class, int.class, long.class);
            Object report = verify.invoke(null, fs, output, parallelism, count);
            Class<?> type = report.getClass();
            long missing = (Long) type.getMethod("missing").invoke(report);
            long duplicates = (Long) type.getMethod("duplicates").invoke(report);
            long unexpected = (Long) type.getMethod("unexpected").invoke(report);
            return new CountingVerdict(missing, duplicates + unexpected, (String) type.getMethod("describe").invoke(report));
        }
    }
}
