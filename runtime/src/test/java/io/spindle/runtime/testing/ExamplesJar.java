package io.spindle.runtime.testing;

import io.spindle.examples.counting.CountingJob;
import io.spindle.testing.ClassJars;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The examples user jar for tests, and the counting job's arguments. */
public final class ExamplesJar {

    private ExamplesJar() {}

    /** A jar holding the example jobs; made in {@code workDir} if needed. */
    public static Path locate(Path workDir) throws IOException {
        return ClassJars.jarContaining(CountingJob.class, workDir);
    }

    /** Arguments of the counting job. */
    public static List<String> countingArgs(String output, int count, int stepDelayMs) {
        return List.of("--output", output, "--count", Integer.toString(count), "--step-delay-ms",
                Integer.toString(stepDelayMs));
    }
}
