package io.spindle.examples.counting;

import java.io.IOException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether task 0 of a counting job fails on purpose before emitting a record.
 *
 * <p>{@code --fail-at N}: fails at record N unless the marker file {@value #MARKER} exists in the
 * output directory; it writes the marker before throwing, so a restarted task does not fail again.
 * {@code --fail-always}: fails at record {@code count / 2} on every attempt. Other tasks never fail.
 *
 * <p>Not thread-safe; used by one task.
 */
final class FailureInjector {

    /** Name of the marker file, in the output directory. */
    static final String MARKER = "_fail-marker";

    private static final Logger LOG = LoggerFactory.getLogger(FailureInjector.class);

    private final FileSystem fs;
    private final Path marker;
    private final long failAt;
    private final boolean always;

    private FailureInjector(FileSystem fs, Path marker, long failAt, boolean always) {
        this.fs = fs;
        this.marker = marker;
        this.failAt = failAt;
        this.always = always;
    }

    static FailureInjector of(CountingArgs args, int taskIndex, FileSystem fs, Path outputDir) {
        if (taskIndex != 0 || (!args.failAlways() && args.failAt().isEmpty())) {
            return new FailureInjector(fs, null, -1, false);
        }
        long at = args.failAlways() ? args.count() / 2 : args.failAt().getAsLong();
        return new FailureInjector(fs, new Path(outputDir, MARKER), at, args.failAlways());
    }

    /**
     * Called before record {@code n} is emitted.
     *
     * @throws InjectedFailureException if the task is to fail here
     * @throws IOException if the marker cannot be checked or written
     */
    void beforeRecord(long n) throws IOException {
        if (n != failAt) {
            return;
        }
        if (always) {
            LOG.warn("Failing on purpose at record {} (--fail-always)", n);
            throw new InjectedFailureException("injected failure at record " + n + " (--fail-always)");
        }
        if (fs.exists(marker)) {
            LOG.info("Not failing at record {} again: {} exists", n, marker);
            return;
        }
        fs.create(marker, true).close();
        LOG.warn("Failing on purpose at record {} (--fail-at), marker {} written", n, marker);
        throw new InjectedFailureException("injected failure at record " + n + " (--fail-at " + n + ")");
    }
}
