package io.spindle.yarn.common.security;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a process with a keytab (the ApplicationMaster) supplied with valid delegation tokens for
 * as long as it runs: after {@link DelegationTokens#REFRESH_RATIO} of the shortest token life (the
 * renew interval, which it measures once, or the maximum lifetime, whichever ends first; YARN does
 * not renew tokens an AM obtains itself), it logs in anew from the keytab, obtains fresh tokens for
 * the ResourceManager as renewer and hands them to the listener (which adds them to the process's
 * credentials and passes them on to the TaskExecutors). It never changes the JVM's login user
 * itself. A failed refresh is logged and retried after {@link #RETRY}, sooner if the tokens end
 * sooner.
 *
 * <p>Thread-safe: refreshes and the listener run on its own timer thread, one at a time.
 * {@link #close} stops it.
 */
public final class TokenRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);

    /** How soon a failed refresh is tried again. */
    public static final Duration RETRY = Duration.ofMinutes(1);

    private final KerberosLogin login;
    private final org.apache.hadoop.conf.Configuration hadoopConf;
    private final List<URI> fileSystems;
    private final Consumer<Credentials> listener;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Duration renewInterval;
    private volatile Credentials latest;

    private TokenRefresher(KerberosLogin login, org.apache.hadoop.conf.Configuration hadoopConf, List<URI> fileSystems,
            Consumer<Credentials> listener, Clock clock, Duration renewInterval) {
        this.login = login;
        this.hadoopConf = hadoopConf;
        this.fileSystems = List.copyOf(fileSystems);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = clock;
        this.renewInterval = renewInterval;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "delegation-token-refresher");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Measures the renew interval of the default file system's tokens and schedules the first
     * refresh for the tokens in {@code current}.
     *
     * @param login the keytab login (with the keytab's local path)
     * @param fileSystems file systems besides the default one whose tokens are needed
     * @param current the tokens the process has now (the first refresh is due for them)
     * @param listener receives each refresh's fresh tokens
     * @throws IOException if the login or the measurement fails
     */
    public static TokenRefresher start(KerberosLogin login, org.apache.hadoop.conf.Configuration hadoopConf,
            List<URI> fileSystems, Credentials current, Consumer<Credentials> listener, Clock clock)
            throws IOException {
        UserGroupInformation fresh = login.login(hadoopConf);
        Duration interval = KerberosLogin.doAs(fresh, () -> DelegationTokens.renewInterval(hadoopConf,
                FileSystem.getDefaultUri(hadoopConf))).orElse(Duration.ofDays(1));
        LOG.info("Delegation tokens live {} unless renewed; fresh ones are obtained after {}% of their life", interval,
                Math.round(DelegationTokens.REFRESH_RATIO * 100));
        TokenRefresher refresher = new TokenRefresher(login, hadoopConf, fileSystems, listener, clock, interval);
        refresher.latest = current;
        refresher.scheduleFor(current);
        return refresher;
    }

    private void scheduleFor(Credentials tokens) {
        Instant at = DelegationTokens.refreshTime(tokens, renewInterval).orElse(clock.instant().plus(renewInterval));
        schedule(Duration.between(clock.instant(), at));
        LOG.info("Next delegation token refresh at {}", at);
    }

    private void schedule(Duration delay) {
        if (!timer.isShutdown()) {
            timer.schedule(this::refresh, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        try {
            UserGroupInformation user = login.login(hadoopConf);
            Credentials fresh = KerberosLogin.doAs(user, () -> DelegationTokens.obtainFileSystemTokens(hadoopConf,
                    DelegationTokens.resourceManagerRenewer(hadoopConf), fileSystems));
            LOG.info("Refreshed {} delegation token(s)", fresh.numberOfTokens());
            latest = fresh;
            listener.accept(fresh);
            scheduleFor(fresh);
        } catch (Exception e) {
            Duration retry = RETRY;
            var end = DelegationTokens.earliestEnd(latest, renewInterval);
            if (end.isPresent()) {
                Duration left = Duration.between(clock.instant(), end.get());
                if (!left.isNegative() && !left.isZero() && left.compareTo(retry.multipliedBy(4)) < 0) {
                    retry = left.dividedBy(4);
                }
            }
            LOG.warn("Could not refresh the delegation tokens ({}); trying again in {}", e.toString(), retry);
            schedule(retry);
        }
    }

    /** The renew interval it measured. */
    public Duration renewInterval() {
        return renewInterval;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
