package io.spindle.yarn.common.security;

import io.spindle.configuration.HighAvailabilityOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenIdentifier;
import org.apache.hadoop.yarn.client.ClientRMProxy;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.util.YarnClientUtils;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.util.ConverterUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hadoop delegation tokens a Spindle application's containers carry instead of Kerberos
 * credentials: one per file system it uses (HDFS: the default file system and the HA storageDir's),
 * and one of the ResourceManager for the ApplicationMaster's own YARN client.
 *
 * <p>The renewer of every token is the ResourceManager's principal ({@link #resourceManagerRenewer}),
 * so that YARN renews the tokens of the AM's launch context for as long as the application runs and
 * log aggregation can use them; YARN cannot renew them past their maximum lifetime, and does not
 * renew tokens obtained later by the AM, which therefore obtains fresh ones in time
 * ({@link #refreshTime}).
 *
 * <p>Every method that obtains tokens must run as a user with Kerberos credentials and no
 * delegation tokens of the same file system (a freshly logged-in one, see {@link KerberosLogin}):
 * a NameNode issues tokens only to callers authenticated with Kerberos.
 * Stateless; thread-safe.
 */
public final class DelegationTokens {

    private static final Logger LOG = LoggerFactory.getLogger(DelegationTokens.class);

    /** The kind of HDFS delegation tokens. */
    public static final Text HDFS_DELEGATION_KIND = new Text("HDFS_DELEGATION_TOKEN");

    /** The kind of ResourceManager delegation tokens. */
    public static final Text RM_DELEGATION_KIND = new Text("RM_DELEGATION_TOKEN");

    /** The kind of the ApplicationMaster's own token for the ResourceManager's scheduler. */
    public static final Text AM_RM_KIND = new Text("YARN_AM_RM_TOKEN");

    /** The share of a token's lifetime after which fresh tokens are obtained. */
    public static final double REFRESH_RATIO = 0.75;

    private DelegationTokens() {}

    /**
     * The ResourceManager's Kerberos principal ({@code yarn.resourcemanager.principal}, {@code _HOST}
     * replaced by the ResourceManager's host), the renewer of every token.
     *
     * @throws IOException if it is not configured or cannot be resolved
     */
    public static String resourceManagerRenewer(org.apache.hadoop.conf.Configuration hadoopConf) throws IOException {
        String principal = YarnClientUtils.getRmPrincipal(hadoopConf);
        if (principal == null || principal.isBlank()) {
            throw new IOException("The ResourceManager's principal (yarn.resourcemanager.principal) is not set"
                    + " in the Hadoop configuration; it is the renewer of the application's delegation tokens");
        }
        return principal;
    }

    /**
     * Obtains delegation tokens of the default file system and of every file system in
     * {@code fileSystems} (each asked once; a file system without tokens, such as the local one,
     * adds none) for {@code renewer}.
     *
     * @return the new tokens, in new credentials
     * @throws IOException if a file system refuses or cannot be reached
     */
    public static Credentials obtainFileSystemTokens(org.apache.hadoop.conf.Configuration hadoopConf, String renewer,
            Collection<URI> fileSystems) throws IOException {
        Credentials credentials = new Credentials();
        Set<URI> uris = new LinkedHashSet<>();
        uris.add(FileSystem.getDefaultUri(hadoopConf));
        uris.addAll(fileSystems);
        for (URI uri : uris) {
            // A new instance: a cached one may hold a connection authenticated with an older token,
            // and a NameNode issues tokens only to Kerberos-authenticated callers.
            try (FileSystem fs = FileSystem.newInstance(uri, hadoopConf)) {
                Token<?>[] added = fs.addDelegationTokens(renewer, credentials);
                for (Token<?> token : added == null ? new Token<?>[0] : added) {
                    LOG.info("Obtained a delegation token of {} for renewer {}: {}", uri, renewer, describe(token));
                }
            }
        }
        return credentials;
    }

    /**
     * The file systems besides the default one whose tokens the containers need: that of
     * {@code high-availability.storageDir}, if set.
     *
     * @throws IOException if its file system is unknown
     */
    public static List<URI> storageFileSystems(io.spindle.configuration.Configuration config,
            org.apache.hadoop.conf.Configuration hadoopConf) throws IOException {
        List<URI> uris = new ArrayList<>();
        Optional<String> storageDir = config.getOptional(HighAvailabilityOptions.STORAGE_DIR).map(String::strip)
                .filter(s -> !s.isEmpty());
        if (storageDir.isPresent()) {
            uris.add(new Path(storageDir.get()).getFileSystem(hadoopConf).getUri());
        }
        return uris;
    }

    /**
     * Obtains a ResourceManager delegation token for {@code renewer} through {@code yarn} and adds it
     * to {@code credentials} under the ResourceManager's token service.
     *
     * @throws IOException if the ResourceManager refuses or cannot be reached
     */
    public static void addResourceManagerToken(YarnClient yarn, org.apache.hadoop.conf.Configuration hadoopConf,
            String renewer, Credentials credentials) throws IOException {
        Text service = ClientRMProxy.getRMDelegationTokenService(hadoopConf);
        try {
            org.apache.hadoop.yarn.api.records.Token yarnToken = yarn.getRMDelegationToken(new Text(renewer));
            Token<TokenIdentifier> token = ConverterUtils.convertFromYarn(yarnToken, service);
            credentials.addToken(service, token);
            LOG.info("Obtained a ResourceManager delegation token for renewer {}: {}", renewer, describe(token));
        } catch (YarnException e) {
            throw new IOException("The ResourceManager gave no delegation token: " + e.getMessage(), e);
        }
    }

    /**
     * {@code credentials} without their HDFS and ResourceManager delegation tokens: what a new
     * ApplicationMaster attempt with a keytab keeps of its launch context (its AMRM token and the
     * cluster secret) before it obtains fresh tokens.
     */
    public static Credentials withoutDelegationTokens(Credentials credentials) {
        return copyWithout(credentials, HDFS_DELEGATION_KIND, RM_DELEGATION_KIND);
    }

    /**
     * What a TaskExecutor container gets of the ApplicationMaster's {@code credentials}: every secret
     * key (the cluster secret) and every token but the AM's own (its AMRM token and the
     * ResourceManager delegation token, which a TaskExecutor has no use for), in new credentials.
     */
    public static Credentials forContainers(Credentials credentials) {
        return copyWithout(credentials, AM_RM_KIND, RM_DELEGATION_KIND);
    }

    /** A copy of {@code credentials} (secret keys and tokens) without the tokens of the given kinds. */
    private static Credentials copyWithout(Credentials credentials, Text... kinds) {
        List<Text> dropped = List.of(kinds);
        Credentials copy = new Credentials(credentials);
        for (Text alias : new ArrayList<>(credentials.getTokenMap().keySet())) {
            if (dropped.contains(credentials.getToken(alias).getKind())) {
                copy.removeToken(alias);
            }
        }
        return copy;
    }

    /** The tokens of {@code credentials} without any secret key, in new credentials (what may be pushed). */
    public static Credentials tokensOnly(Credentials credentials) {
        Credentials tokens = new Credentials();
        credentials.getTokenMap().forEach(tokens::addToken);
        return tokens;
    }

    /**
     * The earliest maximum lifetime among the delegation tokens of {@code credentials}: past it no
     * renewal helps, fresh tokens need a Kerberos login.
     */
    public static Optional<Instant> earliestMaxDate(Credentials credentials) {
        return identifiers(credentials).stream().map(id -> Instant.ofEpochMilli(id.getMaxDate()))
                .min(Instant::compareTo);
    }

    /**
     * When the first of {@code credentials}' delegation tokens ends if nobody renews it: the earlier
     * of its maximum date and its issue date plus {@code renewInterval}.
     */
    public static Optional<Instant> earliestEnd(Credentials credentials, Duration renewInterval) {
        return identifiers(credentials).stream()
                .map(id -> Instant.ofEpochMilli(Math.min(id.getMaxDate(), id.getIssueDate() + renewInterval.toMillis())))
                .min(Instant::compareTo);
    }

    /**
     * When to obtain fresh tokens for {@code credentials}: after {@link #REFRESH_RATIO} of the
     * shortest of their lives, a life being from its issue date to the earlier of its maximum date
     * and the issue date plus {@code renewInterval} (a token nobody renews ends then).
     *
     * @return empty if {@code credentials} hold no delegation token with a readable identifier
     */
    public static Optional<Instant> refreshTime(Credentials credentials, Duration renewInterval) {
        Instant earliest = null;
        for (AbstractDelegationTokenIdentifier id : identifiers(credentials)) {
            long issue = id.getIssueDate();
            long end = Math.min(id.getMaxDate(), issue + renewInterval.toMillis());
            Instant refresh = Instant.ofEpochMilli(issue + (long) ((end - issue) * REFRESH_RATIO));
            if (earliest == null || refresh.isBefore(earliest)) {
                earliest = refresh;
            }
        }
        return Optional.ofNullable(earliest);
    }

    /**
     * How long the file system's delegation tokens live unless renewed: obtains a token with the
     * current user as renewer, renews it once to learn its expiry, and cancels it.
     *
     * @return empty if the file system issues no tokens
     * @throws IOException if the file system refuses, or {@link java.io.InterruptedIOException} if
     *     interrupted while renewing
     */
    public static Optional<Duration> renewInterval(org.apache.hadoop.conf.Configuration hadoopConf, URI fileSystem)
            throws IOException {
        String self = UserGroupInformation.getCurrentUser().getShortUserName();
        Credentials probe = new Credentials();
        Token<?>[] tokens;
        try (FileSystem fs = FileSystem.newInstance(fileSystem, hadoopConf)) {
            tokens = fs.addDelegationTokens(self, probe);
        }
        if (tokens == null || tokens.length == 0) {
            return Optional.empty();
        }
        Token<?> token = tokens[0];
        try {
            long expiry;
            try {
                expiry = token.renew(hadoopConf);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while renewing " + describe(token));
            }
            TokenIdentifier id = token.decodeIdentifier();
            long issue = id instanceof AbstractDelegationTokenIdentifier d ? d.getIssueDate() : System.currentTimeMillis();
            return Optional.of(Duration.ofMillis(Math.max(0, expiry - issue)));
        } finally {
            try {
                token.cancel(hadoopConf);
            } catch (IOException | InterruptedException e) {
                LOG.debug("Could not cancel the probe token {}: {}", describe(token), e.toString());
            }
        }
    }

    /** Kind, service, issue and maximum date of a token, for logs (never the token's secret). */
    public static String describe(Token<?> token) {
        try {
            TokenIdentifier id = token.decodeIdentifier();
            if (id instanceof AbstractDelegationTokenIdentifier d) {
                return token.getKind() + " for " + token.getService() + " (renewer " + d.getRenewer() + ", issued "
                        + Instant.ofEpochMilli(d.getIssueDate()) + ", max " + Instant.ofEpochMilli(d.getMaxDate()) + ")";
            }
        } catch (IOException e) {
            LOG.debug("Cannot decode {}: {}", token.getKind(), e.toString());
        }
        return token.getKind() + " for " + token.getService();
    }

    private static List<AbstractDelegationTokenIdentifier> identifiers(Credentials credentials) {
        List<AbstractDelegationTokenIdentifier> ids = new ArrayList<>();
        for (Token<? extends TokenIdentifier> token : credentials.getAllTokens()) {
            try {
                if (token.decodeIdentifier() instanceof AbstractDelegationTokenIdentifier d) {
                    ids.add(d);
                }
            } catch (IOException e) {
                LOG.debug("Cannot decode {}: {}", token.getKind(), e.toString());
            }
        }
        return ids;
    }
}
