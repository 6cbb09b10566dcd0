package io.spindle.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;

/**
 * A JAAS configuration that answers a fixed set of login context names (those of
 * {@code security.kerberos.login.contexts}) with one Kerberos login ({@code Krb5LoginModule}:
 * from a keytab, or from the ticket cache) and every other name from the configuration that was
 * installed before it (a {@code java.security.auth.login.config} file, for instance), so that
 * installing it takes nothing away.
 *
 * <p>Immutable and thread-safe. {@link #refresh()} is passed on to the previous configuration.
 */
public final class KerberosJaasConfiguration extends Configuration {

    private static final String KRB5_LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private final Set<String> contexts;
    private final AppConfigurationEntry entry;
    private final Optional<Configuration> previous;

    private KerberosJaasConfiguration(Set<String> contexts, Map<String, String> options, Optional<Configuration> previous) {
        this.contexts = Set.copyOf(contexts);
        this.entry = new AppConfigurationEntry(KRB5_LOGIN_MODULE, LoginModuleControlFlag.REQUIRED, Map.copyOf(options));
        this.previous = previous;
    }

    /**
     * A login from a keytab: the key is kept in the subject, so that the login can act as a
     * server too, and nothing is asked of a user.
     *
     * @param contexts the login context names to answer
     * @param keytab the keytab file (absolute path)
     * @param principal the principal in it
     * @param previous the configuration to ask for every other name, if any
     */
    public static KerberosJaasConfiguration keytab(Set<String> contexts, String keytab, String principal,
            Optional<Configuration> previous) {
        Map<String, String> options = new HashMap<>();
        options.put("useKeyTab", "true");
        options.put("keyTab", keytab);
        options.put("principal", principal);
        options.put("storeKey", "true");
        options.put("doNotPrompt", "true");
        options.put("useTicketCache", "false");
        options.put("refreshKrb5Config", "true");
        return new KerberosJaasConfiguration(contexts, options, previous);
    }

    /**
     * A login from the user's ticket cache ({@code kinit}; {@code KRB5CCNAME} is honoured by the
     * JDK), never asking for a password.
     *
     * @param contexts the login context names to answer
     * @param principal the principal to pick from the cache, if set
     * @param previous the configuration to ask for every other name, if any
     */
    public static KerberosJaasConfiguration ticketCache(Set<String> contexts, Optional<String> principal,
            Optional<Configuration> previous) {
        Map<String, String> options = new HashMap<>();
        options.put("useTicketCache", "true");
        options.put("doNotPrompt", "true");
        options.put("renewTGT", "true");
        options.put("refreshKrb5Config", "true");
        principal.ifPresent(p -> options.put("principal", p));
        return new KerberosJaasConfiguration(contexts, options, previous);
    }

    /** The context names this configuration answers itself. */
    public Set<String> contexts() {
        return contexts;
    }

    /** The options of the Kerberos login module, e.g. {@code keyTab}, {@code principal}. */
    public Map<String, ?> options() {
        return entry.getOptions();
    }

    /** The configuration asked for every other name. */
    public Optional<Configuration> previous() {
        return previous;
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (contexts.contains(name)) {
            return List.of(entry).toArray(AppConfigurationEntry[]::new);
        }
        return previous.map(p -> p.getAppConfigurationEntry(name)).orElse(null);
    }

    @Override
    public void refresh() {
        previous.ifPresent(Configuration::refresh);
    }
}
