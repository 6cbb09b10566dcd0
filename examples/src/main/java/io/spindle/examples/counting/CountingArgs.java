package io.spindle.examples.counting;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.hadoop.fs.Path;

import io.spindle.examples.common.Arguments;

/**
 * The arguments of {@link CountingJob}.
 *
 * <pre>
 * --output &lt;dir&gt;          required; a path or URI on a Hadoop file system
 * --count N               records per task, default 1000, at least 0
 * --records-per-step K    default 1, at least 1
 * --step-delay-ms D       sleep after each step, default 0
 * --fail-at N             task 0 fails once on reaching record N (below --count)
 * --fail-always           task 0 fails on reaching record count/2, on every attempt
 * --emitted-log           each task instance records the range of records it emitted (see {@link EmittedLog})
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param output the output directory
 * @param count records per task
 * @param recordsPerStep records emitted per step
 * @param stepDelayMs milliseconds slept at the end of each step
 * @param failAt the record at which task 0 fails once, if any
 * @param failAlways whether task 0 fails at record {@code count / 2} on every attempt
 * @param emittedLog whether each task instance records what it emitted in {@link EmittedLog#DIR}
 */
public record CountingArgs(String output, long count, int recordsPerStep, long stepDelayMs, OptionalLong failAt,
        boolean failAlways, boolean emittedLog) {

    /** Default of {@code --count}. */
    public static final long DEFAULT_COUNT = 1000;

    private static final Set<String> VALUE_OPTIONS =
            Set.of("output", "count", "records-per-step", "step-delay-ms", "fail-at");
    private static final Set<String> FLAG_OPTIONS = Set.of("fail-always", "emitted-log");

    /**
     * Parses and checks program arguments.
     *
     * @throws IllegalArgumentException with a one-line message naming the wrong argument
     */
    public static CountingArgs parse(List<String> arguments) {
        Arguments args = Arguments.parse(arguments, VALUE_OPTIONS, FLAG_OPTIONS);
        String output = args.required("output");
        checkPath("output", output);
        long count = args.longValue("count", DEFAULT_COUNT, 0);
        long perStep = args.longValue("records-per-step", 1, 1);
        if (perStep > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--records-per-step must be at most " + Integer.MAX_VALUE);
        }
        long delay = args.longValue("step-delay-ms", 0, 0);
        OptionalLong failAt = OptionalLong.empty();
        if (args.has("fail-at")) {
            long at = args.longValue("fail-at", 0, 0);
            if (at >= count) {
                throw new IllegalArgumentException("--fail-at must be below --count (" + count + "), not " + at);
            }
            failAt = OptionalLong.of(at);
        }
        boolean failAlways = args.flag("fail-always");
        if (failAlways && failAt.isPresent()) {
            throw new IllegalArgumentException("--fail-always and --fail-at cannot be combined");
        }
        if (failAlways && count < 1) {
            throw new IllegalArgumentException("--fail-always needs a --count of at least 1");
        }
        return new CountingArgs(output, count, (int) perStep, delay, failAt, failAlways, args.flag("emitted-log"));
    }

    /** The output directory as a Hadoop path. */
    public Path outputPath() {
        return new Path(output);
    }

    static void checkPath(String name, String value) {
        try {
            new Path(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + " is not a valid path: " + e.getMessage());
        }
    }
}
