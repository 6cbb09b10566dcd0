package io.spindle.yarn.am;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.ConfigurationLoader;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.LoadedConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads the configuration the client staged for the ApplicationMaster. Stateless; thread-safe. */
final class StagedConfiguration {

    private StagedConfiguration() {}

    /**
     * @param confDir the staged configuration directory
     * @return the loaded configuration, validated
     * @throws IllegalConfigurationException naming the first key or file that is wrong
     */
    static Configuration load(Path confDir) {
        ConfigurationLoader loader = new ConfigurationLoader();
        LoadedConfiguration loaded = loader.load(confDir, Map.of());
        List<IllegalConfigurationException> errors = loader.validate(loaded.configuration());
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return loaded.configuration();
    }
}
