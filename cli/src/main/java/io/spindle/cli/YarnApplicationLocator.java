package io.spindle.cli;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.YarnOptions;
import io.spindle.security.ClusterSecret;
import io.spindle.yarn.client.ApplicationSecretFile;
import io.spindle.yarn.client.HadoopConfigurationLocator;
import io.spindle.yarn.client.ResourceManagerConnection;
import io.spindle.yarn.client.YarnPropertiesFile;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the leading JobManager of a Spindle application on YARN: the application id comes from
 * {@code -Dyarn.application.id=…} or, for a session, from the properties file
 * {@code yarn-session.sh} wrote; the leader is then read from ZooKeeper under that application's
 * cluster-id (the application id), so commands follow a failover to the next AM attempt.
 *
 * <p>When no leader can be found or reached, {@link #checkClusterRunning} asks the ResourceManager
 * whether the application has ended (a killed session leaves its properties file behind), so the
 * user reads {@code Application … (from …/.yarn-properties-alice) has ended: KILLED} instead of a
 * missing leader.
 *
 * <p>Thread-safe.
 */
final class YarnApplicationLocator implements ClusterLocator {

    private static final Logger LOG = LoggerFactory.getLogger(YarnApplicationLocator.class);
    private static final Set<YarnApplicationState> ENDED =
            EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);
    private static final Duration RM_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** The application the command looks for has ended. */
    static final class ApplicationEndedException extends IOException {
        private static final long serialVersionUID = 1L;

        ApplicationEndedException(String message) {
            super(message);
        }
    }

    private final Configuration conf;
    private final boolean sessionFileAllowed;
    private final Supplier<org.apache.hadoop.conf.Configuration> hadoopConf;

    /**
     * @param conf the effective configuration
     * @param sessionFileAllowed whether the session's properties file may name the application
     *     ({@code -t yarn-session}); a per-job application must be named with {@code -D}
     */
    YarnApplicationLocator(Configuration conf, boolean sessionFileAllowed) {
        this(conf, sessionFileAllowed, () -> new HadoopConfigurationLocator(System::getenv).locate().configuration());
    }

    /**
     * @param hadoopConf the Hadoop configuration to reach the ResourceManager with, asked for only
     *     when no leader is found
     */
    YarnApplicationLocator(Configuration conf, boolean sessionFileAllowed,
            Supplier<org.apache.hadoop.conf.Configuration> hadoopConf) {
        this.conf = conf;
        this.sessionFileAllowed = sessionFileAllowed;
        this.hadoopConf = hadoopConf;
    }

    @Override
    public String leaderRestUrl() throws IOException {
        Configuration session = sessionConfiguration();
        try {
            return new StandaloneClusterLocator(session, null).leaderRestUrl();
        } catch (IOException e) {
            checkClusterRunning();
            throw e;
        }
    }

    @Override
    public boolean followsPublishedLeader() {
        return true;
    }

    /**
     * @throws ApplicationEndedException if the ResourceManager reports the application ended; a
     *     ResourceManager that cannot be asked is only logged
     */
    @Override
    public void checkClusterRunning() throws IOException {
        Optional<String> id = applicationId();
        if (id.isEmpty()) {
            return;
        }
        ApplicationId appId;
        try {
            appId = ApplicationId.fromString(id.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalConfigurationException("'" + id.get() + "' is not a YARN application id"
                    + source().map(s -> " (from " + s + ")").orElse(""), e);
        }
        ApplicationReport report;
        ResourceManagerConnection rm = new ResourceManagerConnection(hadoopConf.get(), RM_CONNECT_TIMEOUT);
        YarnClient yarn = rm.startClient();
        try {
            report = yarn.getApplicationReport(appId);
        } catch (YarnException | IOException | RuntimeException e) {
            LOG.debug("Could not ask the ResourceManager at {} about {}", rm.describeAddress(), appId, e);
            return;
        } finally {
            yarn.stop();
        }
        if (ENDED.contains(report.getYarnApplicationState())) {
            throw new ApplicationEndedException("Application " + appId + source().map(s -> " (from " + s + ")").orElse("")
                    + " has ended: " + report.getYarnApplicationState());
        }
    }

    /**
     * The secret the client that submitted the application kept in the user's
     * {@link ApplicationSecretFile}; empty for an application submitted elsewhere or by another user.
     */
    @Override
    public Optional<ClusterSecret> credential() throws IOException {
        Optional<String> id = applicationId();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        ApplicationId appId;
        try {
            appId = ApplicationId.fromString(id.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return ApplicationSecretFile.forApplication(conf, appId).read();
    }

    @Override
    public String describe() {
        return applicationId().map(id -> "YARN application " + id).orElse("a YARN session (none recorded)");
    }

    /** The configuration with the application's cluster-id and the session's dynamic properties. */
    private Configuration sessionConfiguration() throws IOException {
        Optional<YarnPropertiesFile.Content> recorded = fromFile() ? YarnPropertiesFile.forConfiguration(conf).read()
                : Optional.empty();
        String applicationId = applicationId().orElseThrow(() -> new IllegalConfigurationException(sessionFileAllowed
                ? "no YARN session found: start one with 'yarn-session.sh -d', or pass -D"
                        + YarnOptions.APPLICATION_ID.key() + "=application_…"
                : "which per-job application? pass -D" + YarnOptions.APPLICATION_ID.key() + "=application_…"));
        Configuration effective = conf;
        if (recorded.isPresent()) {
            for (var entry : recorded.get().dynamicProperties().entrySet()) {
                if (!conf.containsKey(entry.getKey())) {
                    effective = effective.withRaw(entry.getKey(), entry.getValue());
                }
            }
        }
        if (!conf.contains(HighAvailabilityOptions.CLUSTER_ID)) {
            effective = effective.with(HighAvailabilityOptions.CLUSTER_ID, applicationId);
        }
        return effective;
    }

    /** Whether the application id comes from the session's properties file. */
    private boolean fromFile() {
        return sessionFileAllowed && conf.getOptional(YarnOptions.APPLICATION_ID).filter(id -> !id.isBlank()).isEmpty();
    }

    /** The properties file the application id came from, if it came from one. */
    private Optional<String> source() {
        return fromFile() ? Optional.of(YarnPropertiesFile.forConfiguration(conf).path().toString()) : Optional.empty();
    }

    private Optional<String> applicationId() {
        Optional<String> given = conf.getOptional(YarnOptions.APPLICATION_ID).filter(id -> !id.isBlank());
        if (!fromFile()) {
            return given;
        }
        try {
            return YarnPropertiesFile.forConfiguration(conf).read().map(YarnPropertiesFile.Content::applicationId);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
