package io.spindle.runtime.entrypoint;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.ConfigurationLoader;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.LoadedConfiguration;
import io.spindle.security.ClusterSecretFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and validates a daemon's configuration from its conf dir and {@code -D} values; the conf
 * dir's {@code cluster-secret} is the secret file unless one is configured
 * ({@link ClusterSecretFile#withDefaultFile}).
 */
final class ProcessConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessConfiguration.class);

    private ProcessConfiguration() {}

    /**
     * @throws IllegalConfigurationException for a missing conf dir or a bad value (the first; others suppressed)
     */
    static Configuration load(Path confDir, Map<String, String> dynamic) {
        ConfigurationLoader loader = new ConfigurationLoader();
        LoadedConfiguration loaded;
        if (confDir == null || !Files.isDirectory(confDir)) {
            if (confDir != null) {
                throw new IllegalConfigurationException("Configuration directory " + confDir + " does not exist");
            }
            loaded = loader.loadDynamicOnly(dynamic);
        } else {
            loaded = loader.load(confDir, dynamic);
        }
        loaded.warnings().forEach(warning -> LOG.warn("{}", warning));
        List<IllegalConfigurationException> errors = loader.validate(loaded.configuration());
        if (!errors.isEmpty()) {
            IllegalConfigurationException first = errors.get(0);
            errors.subList(1, errors.size()).forEach(first::addSuppressed);
            throw first;
        }
        return ClusterSecretFile.withDefaultFile(loaded.configuration(), confDir);
    }
}
