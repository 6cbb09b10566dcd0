package io.spindle.yarn.common.security;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.SecurityOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.apache.hadoop.security.SecurityUtil;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.UserGroupInformation.AuthenticationMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kerberos identity a Spindle process talks to a Kerberized Hadoop cluster with: a login from
 * {@code security.kerberos.login.keytab} as {@code security.kerberos.login.principal}, or else the
 * user's ticket cache (from {@code kinit}) when {@code security.kerberos.login.use-ticket-cache}
 * allows it. On a cluster without Kerberos ({@code hadoop.security.authentication: simple}) it is
 * the current user and nothing is checked.
 *
 * <p>The login does not change the JVM's login user: callers run what must be done as the logged-in
 * user in {@link #doAs}. (File systems and YARN clients created there keep that identity for their
 * later calls.)
 *
 * <p>Everything the user must fix is found before anything remote is asked, and is an
 * {@link IllegalConfigurationException} with one line naming the key and the file: a principal
 * without a keytab or the reverse, a keytab that is missing, not a file or unreadable, a principal
 * the keytab does not hold, no ticket cache where one is needed, a login the KDC refuses. A KDC that
 * cannot be reached is a {@link KerberosLoginException}.
 *
 * <p>Immutable and thread-safe.
 */
public final class KerberosLogin {

    private static final Logger LOG = LoggerFactory.getLogger(KerberosLogin.class);

    private final Optional<Path> keytab;
    private final Optional<String> principal;
    private final boolean useTicketCache;

    private KerberosLogin(Optional<Path> keytab, Optional<String> principal, boolean useTicketCache) {
        this.keytab = keytab;
        this.principal = principal;
        this.useTicketCache = useTicketCache;
    }

    /**
     * The login the configuration asks for.
     *
     * @throws IllegalConfigurationException if only one of keytab and principal is set
     */
    public static KerberosLogin of(Configuration conf) {
        Optional<Path> keytab = conf.getOptional(SecurityOptions.KERBEROS_LOGIN_KEYTAB).filter(s -> !s.isBlank())
                .map(Path::of);
        Optional<String> principal = conf.getOptional(SecurityOptions.KERBEROS_LOGIN_PRINCIPAL).filter(s -> !s.isBlank());
        if (keytab.isPresent() && principal.isEmpty()) {
            throw new IllegalConfigurationException("'" + SecurityOptions.KERBEROS_LOGIN_KEYTAB.key() + "' is set to "
                    + keytab.get() + " but '" + SecurityOptions.KERBEROS_LOGIN_PRINCIPAL.key()
                    + "' is not: set the principal to log in as");
        }
        if (principal.isPresent() && keytab.isEmpty()) {
            throw new IllegalConfigurationException("'" + SecurityOptions.KERBEROS_LOGIN_PRINCIPAL.key() + "' is set to "
                    + principal.get() + " but '" + SecurityOptions.KERBEROS_LOGIN_KEYTAB.key()
                    + "' is not: set the keytab that holds its key");
        }
        return new KerberosLogin(keytab, principal, conf.get(SecurityOptions.KERBEROS_LOGIN_USE_TICKET_CACHE));
    }

    /** The same login with another keytab file (the copy the ApplicationMaster's container got). */
    public KerberosLogin withKeytab(Path localKeytab) {
        if (principal.isEmpty()) {
            throw new IllegalStateException("no keytab login configured");
        }
        return new KerberosLogin(Optional.of(localKeytab), principal, useTicketCache);
    }

    /** The keytab, if one is configured. */
    public Optional<Path> keytab() {
        return keytab;
    }

    /** The principal of the keytab, if one is configured. */
    public Optional<String> principal() {
        return principal;
    }

    /** Whether Hadoop is configured for Kerberos ({@code hadoop.security.authentication: kerberos}). */
    public static boolean securityEnabled(org.apache.hadoop.conf.Configuration hadoopConf) {
        boolean kerberos = kerberosConfigured(hadoopConf);
        if (kerberos && !UserGroupInformation.isSecurityEnabled()) {
            // Hadoop's security settings are JVM-wide; they are only touched when Kerberos is asked for.
            try {
                UserGroupInformation.setConfiguration(hadoopConf);
            } catch (IllegalArgumentException e) {
                throw new IllegalConfigurationException("The Hadoop cluster uses Kerberos"
                        + " (hadoop.security.authentication: kerberos), but Java finds no Kerberos configuration for"
                        + " it (krb5.conf, or -Djava.security.krb5.conf): " + rootMessage(e), e);
            }
        }
        return kerberos;
    }

    private static boolean kerberosConfigured(org.apache.hadoop.conf.Configuration hadoopConf) {
        return SecurityUtil.getAuthenticationMethod(hadoopConf) == AuthenticationMethod.KERBEROS;
    }

    /**
     * Checks the keytab locally (no KDC is asked): it exists, is a readable file, and holds a key of
     * the principal. Does nothing without a keytab.
     *
     * @throws IllegalConfigurationException naming the key and the file if not
     */
    public void checkKeytab() {
        if (keytab.isEmpty()) {
            return;
        }
        Path file = keytab.get();
        String where = "The keytab " + file + " ('" + SecurityOptions.KERBEROS_LOGIN_KEYTAB.key() + "')";
        if (!Files.exists(file)) {
            throw new IllegalConfigurationException(where + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalConfigurationException(where + " is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalConfigurationException(where + " is not readable by this user");
        }
        KerberosPrincipal kerberosPrincipal;
        try {
            kerberosPrincipal = new KerberosPrincipal(principal.orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new IllegalConfigurationException("The principal '" + principal.get() + "' ('"
                    + SecurityOptions.KERBEROS_LOGIN_PRINCIPAL.key() + "') is not a Kerberos principal: " + e.getMessage(), e);
        }
        KeyTab keys = KeyTab.getInstance(file.toFile());
        if (keys.getKeys(kerberosPrincipal).length == 0) {
            throw new IllegalConfigurationException(where + " holds no key of the principal " + kerberosPrincipal
                    + " ('" + SecurityOptions.KERBEROS_LOGIN_PRINCIPAL.key() + "')");
        }
    }

    /**
     * Logs in: from the keytab if one is configured (after {@link #checkKeytab}), else from the
     * ticket cache. Without Kerberos in {@code hadoopConf}: the current user.
     *
     * @return the logged-in user; the JVM's login user is not changed
     * @throws IllegalConfigurationException if the user must fix something (see the class comment)
     * @throws KerberosLoginException if the KDC cannot be reached
     * @throws IOException if the current user cannot be determined
     */
    public UserGroupInformation login(org.apache.hadoop.conf.Configuration hadoopConf) throws IOException {
        if (!kerberosConfigured(hadoopConf)) {
            return UserGroupInformation.getCurrentUser();
        }
        checkKeytab(); // before Hadoop's JVM-wide security settings are touched
        securityEnabled(hadoopConf);
        if (keytab.isPresent()) {
            String p = principal.orElseThrow();
            try {
                UserGroupInformation ugi = UserGroupInformation.loginUserFromKeytabAndReturnUGI(p, keytab.get().toString());
                LOG.info("Logged in to Kerberos as {} with the keytab {}", ugi.getUserName(), keytab.get());
                return ugi;
            } catch (IOException e) {
                throw loginFailure("as " + p + " with the keytab " + keytab.get() + " ('"
                        + SecurityOptions.KERBEROS_LOGIN_KEYTAB.key() + "')", p, e);
            }
        }
        if (!useTicketCache) {
            throw new IllegalConfigurationException("The Hadoop cluster uses Kerberos"
                    + " (hadoop.security.authentication: kerberos), but neither '"
                    + SecurityOptions.KERBEROS_LOGIN_KEYTAB.key() + "' is set nor is the ticket cache allowed ('"
                    + SecurityOptions.KERBEROS_LOGIN_USE_TICKET_CACHE.key() + ": false')");
        }
        UserGroupInformation current = UserGroupInformation.getCurrentUser();
        if (!current.hasKerberosCredentials() && current.getCredentials().numberOfTokens() == 0) {
            throw new IllegalConfigurationException("The Hadoop cluster uses Kerberos"
                    + " (hadoop.security.authentication: kerberos), but there is no Kerberos ticket for "
                    + current.getUserName() + ": run 'kinit', or set '" + SecurityOptions.KERBEROS_LOGIN_KEYTAB.key()
                    + "' and '" + SecurityOptions.KERBEROS_LOGIN_PRINCIPAL.key() + "'");
        }
        LOG.info("Using the Kerberos ticket cache of {}", current.getUserName());
        return current;
    }

    /**
     * Logs this whole process in from the keytab: the JVM's login user becomes the keytab's
     * principal, for a process that talks to Hadoop only as that user (the ApplicationMaster). The
     * credentials the process had (its container's tokens) are not carried over: the caller adds
     * those it keeps.
     *
     * @return the new login user
     * @throws IllegalStateException if no keytab is configured or Hadoop is not configured for Kerberos
     * @throws IllegalConfigurationException if the user must fix something (see the class comment)
     * @throws KerberosLoginException if the KDC cannot be reached
     */
    public UserGroupInformation loginProcess(org.apache.hadoop.conf.Configuration hadoopConf) throws IOException {
        if (keytab.isEmpty() || !securityEnabled(hadoopConf)) {
            throw new IllegalStateException("a process login needs a keytab and Kerberos");
        }
        checkKeytab();
        String p = principal.orElseThrow();
        try {
            UserGroupInformation.loginUserFromKeytab(p, keytab.get().toString());
        } catch (IOException e) {
            throw loginFailure("as " + p + " with the keytab " + keytab.get(), p, e);
        }
        UserGroupInformation ugi = UserGroupInformation.getLoginUser();
        LOG.info("This process logged in to Kerberos as {} with the keytab {}", ugi.getUserName(), keytab.get());
        return ugi;
    }

    /**
     * Runs {@code action} as {@code user}, passing on its exceptions unwrapped.
     *
     * @throws E what {@code action} throws
     * @throws IOException or {@link InterruptedException} as {@code action} does
     */
    public static <T, E extends Exception> T doAs(UserGroupInformation user, Action<T, E> action) throws E {
        Objects.requireNonNull(action, "action");
        try {
            return user.doAs((PrivilegedExceptionAction<T>) action::run);
        } catch (java.lang.reflect.UndeclaredThrowableException e) {
            throw sneaky(e.getCause());
        } catch (Exception e) {
            throw sneaky(e);
        }
    }

    /** Work done as a user; may throw {@code E}. */
    @FunctionalInterface
    public interface Action<T, E extends Exception> {
        /** Does the work. */
        T run() throws E;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    private static RuntimeException loginFailure(String what, String principal, IOException e)
            throws KerberosLoginException {
        String cause = rootMessage(e);
        if (unreachable(e)) {
            String realm = principal.contains("@") ? principal.substring(principal.indexOf('@') + 1) : "the default realm";
            throw new KerberosLoginException("Cannot reach the KDC of " + realm + " to log in " + what + ": " + cause, e);
        }
        return new IllegalConfigurationException("The KDC refused the login " + what + ": " + cause, e);
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof java.net.UnknownHostException || t instanceof java.net.PortUnreachableException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("Cannot contact any KDC") || m.contains("Receive timed out")
                    || m.contains("Connection refused"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).replaceAll("\\s+", " ").trim();
    }
}
