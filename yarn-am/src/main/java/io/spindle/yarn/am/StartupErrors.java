package io.spindle.yarn.am;

import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.ha.ZooKeeperUnavailableException;
import io.spindle.util.Messages;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells the errors of an ApplicationMaster's start that no further attempt can fix from those a
 * retry may get past.
 *
 * <ul>
 *   <li><b>Configuration errors</b> ({@link IllegalConfigurationException}: a bad key or value; a
 *       storageDir with a scheme no file system serves) are fatal on every attempt: each attempt reads
 *       the same staged configuration.</li>
 *   <li><b>Environment errors</b> (ZooKeeper not reachable within the connection timeout:
 *       {@link ZooKeeperUnavailableException}; storageDir on an unknown host or refused with
 *       permission denied) are fatal on the application's first attempt: nothing of the cluster has
 *       run yet, and the configuration points at something that does not answer. On a later attempt
 *       the first one got past the same checks, so the environment did work for this application and
 *       the error is more likely an outage (a ZooKeeper restart during a failover): the attempt fails
 *       and YARN retries, bounded by {@code yarn.application-attempts} within
 *       {@code yarn.application-attempt-failures-validity-interval}. Failing a running job's
 *       application for good because ZooKeeper restarted would turn an outage into data loss.</li>
 *   <li>Anything else (an RPC port in use, an I/O error of a reachable file system, a bug) is not
 *       classified: the attempt fails and YARN retries.</li>
 * </ul>
 *
 * <p>The cause chain is searched, since errors arrive wrapped ({@code CompletionException}, Hadoop's
 * {@code IllegalArgumentException}s). Stateless and thread-safe.
 */
final class StartupErrors {

    private StartupErrors() {}

    /**
     * @param error what the start threw
     * @param attemptNumber this attempt's number, 1 for the application's first
     * @return the outcome that ends the application at once, or empty if another attempt may succeed
     */
    static Optional<AttemptOutcome.Fatal> fatal(Throwable error, int attemptNumber) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof StartupCheckException check) {
                return check.kind() == StartupCheckException.Kind.CONFIGURATION || attemptNumber <= 1
                        ? Optional.of(new AttemptOutcome.Fatal(check.getMessage()))
                        : Optional.empty();
            }
            if (t instanceof IllegalConfigurationException) {
                return Optional.of(new AttemptOutcome.Fatal(Messages.oneLine(t)));
            }
            if (t instanceof ZooKeeperUnavailableException) {
                return attemptNumber <= 1 ? Optional.of(new AttemptOutcome.Fatal(Messages.oneLine(t.getMessage())))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return whether {@code error} says ZooKeeper could not be reached, so nothing was created there */
    static boolean zooKeeperUnavailable(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof ZooKeeperUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
