package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.security.ClusterSecret;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submitting user's {@link ApplicationSecretFile}s, located by the client configuration
 * ({@code yarn.properties-file.location}).
 *
 * <p>Immutable; thread-safe as the file system is.
 */
final class ApplicationSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationSecrets.class);

    private final Configuration clientConfig;

    ApplicationSecrets(Configuration clientConfig) {
        this.clientConfig = Objects.requireNonNull(clientConfig, "clientConfig");
    }

    /** The secret file of {@code appId} (it may not exist). */
    ApplicationSecretFile file(ApplicationId appId) {
        return ApplicationSecretFile.forApplication(clientConfig, appId);
    }

    /** The secret of {@code appId} from its secret file; empty (logged) if there is none or it cannot be read. */
    Optional<ClusterSecret> read(ApplicationId appId) {
        ApplicationSecretFile file = file(appId);
        try {
            Optional<ClusterSecret> secret = file.read();
            if (secret.isEmpty()) {
                LOG.info("No secret file {} for {}: calls that change something will be refused", file, appId);
            }
            return secret;
        } catch (IOException e) {
            LOG.warn("Cannot read the secret of {}: {}", appId, e.getMessage());
            return Optional.empty();
        }
    }
}
