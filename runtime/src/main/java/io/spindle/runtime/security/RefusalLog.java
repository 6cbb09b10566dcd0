package io.spindle.runtime.security;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * One WARN line per refused call, at most one a second: refusals in between are counted and the
 * next line says how many there were, so a client hammering the port cannot flood the log.
 *
 * <p>Thread-safe.
 */
final class RefusalLog {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Logger log;
    private final AtomicLong nextLineNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    RefusalLog(Logger log) {
        this.log = log;
    }

    /** Logs {@code line} unless a line was logged less than a second ago. */
    void refused(Supplier<String> line) {
        long now = System.nanoTime();
        long next = nextLineNanos.get();
        if (now - next >= 0 && nextLineNanos.compareAndSet(next, now + INTERVAL_NANOS)) {
            long skipped = suppressed.getAndSet(0);
            log.warn("{}{}", line.get(), skipped == 0 ? "" : " (and " + skipped + " more refused since the last line)");
        } else {
            suppressed.incrementAndGet();
        }
    }
}
