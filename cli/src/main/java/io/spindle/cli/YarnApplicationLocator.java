package io.spindle.cli;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.YarnOptions;
import io.spindle.yarn.client.YarnPropertiesFile;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds the leading JobManager of a Spindle application on YARN: the application id comes from
 * {@code -Dyarn.application.id=…} or, for a session, from the properties file
 * {@code yarn-session.sh} wrote; the leader is then read from ZooKeeper under that application's
 * cluster-id (the application id), so commands follow a failover to the next AM attempt.
 *
 * <p>Thread-safe.
 */
final class YarnApplicationLocator implements ClusterLocator {

    private final Configuration conf;
    private final boolean sessionFileAllowed;

    /**
     * @param conf the effective configuration
     * @param sessionFileAllowed whether the session's properties file may name the application
     *     ({@code -t yarn-session}); a per-job application must be named with {@code -D}
     */
    YarnApplicationLocator(Configuration conf, boolean sessionFileAllowed) {
        this.conf = conf;
        this.sessionFileAllowed = sessionFileAllowed;
    }

    @Override
    public String leaderRestUrl() throws IOException {
        Configuration session = sessionConfiguration();
        return new StandaloneClusterLocator(session, null).leaderRestUrl();
    }

    @Override
    public String describe() {
        return applicationId().map(id -> "YARN application " + id).orElse("a YARN session (none recorded)");
    }

    /** The configuration with the application's cluster-id and the session's dynamic properties. */
    private Configuration sessionConfiguration() throws IOException {
        Optional<YarnPropertiesFile.Content> recorded = conf.getOptional(YarnOptions.APPLICATION_ID).isPresent()
                || !sessionFileAllowed ? Optional.empty() : YarnPropertiesFile.forConfiguration(conf).read();
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

    private Optional<String> applicationId() {
        Optional<String> given = conf.getOptional(YarnOptions.APPLICATION_ID).filter(id -> !id.isBlank());
        if (given.isPresent() || !sessionFileAllowed) {
            return given;
        }
        try {
            return YarnPropertiesFile.forConfiguration(conf).read().map(YarnPropertiesFile.Content::applicationId);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
