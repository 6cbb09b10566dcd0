package io.spindle.security;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.SecurityOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the process's Kerberos credentials to the JAAS login contexts named in
 * {@code security.kerberos.login.contexts} (e.g. {@code Client}, ZooKeeper's), by installing a
 * {@link KerberosJaasConfiguration} as the JVM's JAAS configuration:
 * <ul>
 *   <li>with {@code security.kerberos.login.keytab} (and its principal): a keytab login;</li>
 *   <li>without a keytab, with {@code security.kerberos.login.use-ticket-cache} (the default) and a
 *       ticket cache on this host: a ticket-cache login;</li>
 *   <li>otherwise nothing is installed, and one line says so.</li>
 * </ul>
 * A keytab that is configured but absent on this host (a YARN TaskExecutor: the keytab goes to the
 * ApplicationMaster only) installs nothing either: that process has no Kerberos identity.
 * Every other context name is answered by the configuration installed before; installing again
 * replaces the earlier Kerberos entries, it does not stack them.
 *
 * <p>JAAS configuration is JVM-wide: the methods are synchronized on this class.
 */
public final class KerberosLoginContexts {

    private static final Logger LOG = LoggerFactory.getLogger(KerberosLoginContexts.class);

    private KerberosLoginContexts() {}

    /**
     * Installs the login contexts as {@code conf} says, replacing any installed before.
     *
     * @param conf the effective configuration; the keytab path must be this host's
     * @return the installed configuration, or empty if none was installed (the JVM's is unchanged)
     * @throws IllegalConfigurationException if a keytab is set without a principal
     */
    public static synchronized Optional<KerberosJaasConfiguration> install(Configuration conf) {
        Set<String> contexts = contexts(conf);
        if (contexts.isEmpty()) {
            return Optional.empty();
        }
        Optional<javax.security.auth.login.Configuration> previous = previous();
        Optional<KerberosJaasConfiguration> jaas = forContexts(conf, contexts, previous);
        jaas.ifPresent(j -> {
            javax.security.auth.login.Configuration.setConfiguration(j);
            LOG.info("Kerberos login for the JAAS contexts {}: {}", contexts,
                    j.options().containsKey("keyTab") ? "keytab " + j.options().get("keyTab") + " as "
                            + j.options().get("principal") : "the ticket cache");
        });
        return jaas;
    }

    /**
     * Like {@link #install}, unless Kerberos login contexts are installed already (by a process that
     * knows better where its keytab is, such as a YARN ApplicationMaster with the shipped copy).
     *
     * @throws IllegalConfigurationException if a keytab is set without a principal
     */
    public static synchronized void installUnlessInstalled(Configuration conf) {
        if (!(currentOrNull() instanceof KerberosJaasConfiguration)) {
            install(conf);
        }
    }

    private static Optional<KerberosJaasConfiguration> forContexts(Configuration conf, Set<String> contexts,
            Optional<javax.security.auth.login.Configuration> previous) {
        Optional<String> keytab = nonBlank(conf.getOptional(SecurityOptions.KERBEROS_LOGIN_KEYTAB));
        Optional<String> principal = nonBlank(conf.getOptional(SecurityOptions.KERBEROS_LOGIN_PRINCIPAL));
        if (keytab.isPresent()) {
            if (principal.isEmpty()) {
                throw new IllegalConfigurationException("'" + SecurityOptions.KERBEROS_LOGIN_KEYTAB.key() + "' is set to "
                        + keytab.get() + " but '" + SecurityOptions.KERBEROS_LOGIN_PRINCIPAL.key()
                        + "' is not: set the principal to log in as");
            }
            Path file = Path.of(keytab.get()).toAbsolutePath();
            if (!Files.isReadable(file)) {
                LOG.warn("No Kerberos login for the JAAS contexts {}: the keytab {} ('{}') is not on this host;"
                        + " this process talks to ZooKeeper without a Kerberos identity", contexts, file,
                        SecurityOptions.KERBEROS_LOGIN_KEYTAB.key());
                return Optional.empty();
            }
            return Optional.of(KerberosJaasConfiguration.keytab(contexts, file.toString(), principal.get(), previous));
        }
        if (conf.get(SecurityOptions.KERBEROS_LOGIN_USE_TICKET_CACHE) && TicketCache.mayExist()) {
            return Optional.of(KerberosJaasConfiguration.ticketCache(contexts, principal, previous));
        }
        LOG.warn("No Kerberos login for the JAAS contexts {}: neither '{}' nor a ticket cache ('{}')", contexts,
                SecurityOptions.KERBEROS_LOGIN_KEYTAB.key(), SecurityOptions.KERBEROS_LOGIN_USE_TICKET_CACHE.key());
        return Optional.empty();
    }

    private static Set<String> contexts(Configuration conf) {
        List<String> names = conf.getOptional(SecurityOptions.KERBEROS_LOGIN_CONTEXTS).orElse(List.of());
        Set<String> contexts = new LinkedHashSet<>();
        for (String name : names) {
            if (!name.isBlank()) {
                contexts.add(name.strip());
            }
        }
        return contexts;
    }

    /** The configuration installed before ours: an earlier Kerberos configuration is unwrapped. */
    private static Optional<javax.security.auth.login.Configuration> previous() {
        javax.security.auth.login.Configuration current = currentOrNull();
        if (current instanceof KerberosJaasConfiguration ours) {
            return ours.previous();
        }
        return Optional.ofNullable(current);
    }

    private static javax.security.auth.login.Configuration currentOrNull() {
        try {
            return javax.security.auth.login.Configuration.getConfiguration();
        } catch (SecurityException e) {
            // No java.security.auth.login.config file and no default: there is nothing to delegate to.
            return null;
        }
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::strip).filter(s -> !s.isEmpty());
    }
}
