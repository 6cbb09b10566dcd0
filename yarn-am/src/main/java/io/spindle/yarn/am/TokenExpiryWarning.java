package io.spindle.yarn.am;

import io.spindle.yarn.common.security.DelegationTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.security.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without a keytab, an application on a Kerberized cluster lives on its launch context's delegation
 * tokens, which cannot be renewed past their maximum lifetime (HDFS: 7 days by default). This says
 * so once at start, and once more {@link #AHEAD} before the end (at once if that is sooner), as a
 * WARN line naming the time.
 *
 * <p>Thread-safe; {@link #close} stops the scheduled line.
 */
final class TokenExpiryWarning implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenExpiryWarning.class);

    /** How long before the end the second line comes. */
    static final Duration AHEAD = Duration.ofDays(2);

    private final ScheduledExecutorService timer;

    private TokenExpiryWarning(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Logs the end of {@code credentials}' tokens and schedules the line ahead of it; empty if they hold none. */
    static Optional<TokenExpiryWarning> start(Credentials credentials, Clock clock) {
        Optional<Instant> end = DelegationTokens.earliestMaxDate(credentials);
        if (end.isEmpty()) {
            return Optional.empty();
        }
        LOG.warn("No keytab (security.kerberos.login.keytab): the delegation tokens end at {}; the application"
                + " fails then", end.get());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "token-expiry-warning");
            t.setDaemon(true);
            return t;
        });
        long delay = Math.max(0, Duration.between(clock.instant(), end.get().minus(AHEAD)).toMillis());
        timer.schedule(() -> LOG.warn("The delegation tokens end at {} (in {}): the application fails then; restart it"
                + " with a keytab (security.kerberos.login.keytab) to run longer", end.get(),
                Duration.between(clock.instant(), end.get()).withNanos(0)), delay, TimeUnit.MILLISECONDS);
        return Optional.of(new TokenExpiryWarning(timer));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
