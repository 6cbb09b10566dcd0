package io.spindle.bench.command;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Verifies the counting example's output with the verifier inside the examples jar (the CLI does
 * not link against the examples): every expected record exactly once.
 */
final class CountingOutputCheck {

    private CountingOutputCheck() {}

    /**
     * @return the verifier's one-line description; it starts with "exactly-once" when the output is right
     */
    static Result verify(Path examplesJar, org.apache.hadoop.conf.Configuration hadoopConf, String output,
            int parallelism, long count) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {examplesJar.toUri().toURL()},
                CountingOutputCheck.class.getClassLoader())) {
            Class<?> verifier = Class.forName("io.spindle.examples.counting.CountingOutput", true, loader);
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(output);
            Method verify = verifier.getMethod("verify", org.apache.hadoop.fs.FileSystem.class,
                    org.apache.hadoop.fs.Path.class, int.class, long.class);
            Object report = verify.invoke(null, dir.getFileSystem(hadoopConf), dir, parallelism, count);
            boolean exactlyOnce = (Boolean) report.getClass().getMethod("exactlyOnce").invoke(report);
            return new Result(exactlyOnce, (String) report.getClass().getMethod("describe").invoke(report));
        }
    }

    /** The verdict and the verifier's description. */
    record Result(boolean exactlyOnce, String description) {}
}
