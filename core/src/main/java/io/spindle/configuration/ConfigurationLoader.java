package io.spindle.configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the effective {@link Configuration} from {@code config.yaml} in a configuration directory
 * and {@code -D key=value} dynamic properties, which take precedence over the file.
 *
 * <p>The file may use flat keys ({@code high-availability.type: zookeeper}), nested mappings, or
 * both; YAML lists become comma-separated values. Every value remembers its file and line. Keys
 * that no option knows, and deprecated fallback keys, produce warnings (logged, and returned for a
 * command line to print, see {@link #withWarningsLogged}); they are not errors. Values are not parsed while loading: call {@link
 * #validate} to find malformed ones.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigurationLoader {

    /** The name of the configuration file inside the configuration directory. */
    public static final String CONFIG_FILE_NAME = "config.yaml";

    /** The environment variable that names the configuration directory. */
    public static final String CONF_DIR_ENV = "SPINDLE_CONF_DIR";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationLoader.class);

    private final ConfigOptionRegistry registry;
    private final boolean logWarnings;
    private final YamlConfigReader reader = new YamlConfigReader();

    /** A loader that knows Spindle's options ({@link ConfigOptionRegistry#defaults()}) and logs warnings. */
    public ConfigurationLoader() {
        this(ConfigOptionRegistry.defaults());
    }

    /** A loader that checks keys against {@code registry} and logs warnings. */
    public ConfigurationLoader(ConfigOptionRegistry registry) {
        this(registry, true);
    }

    private ConfigurationLoader(ConfigOptionRegistry registry, boolean logWarnings) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.logWarnings = logWarnings;
    }

    /**
     * A copy of this loader that logs its warnings through SLF4J ({@code true}, the default) or
     * only returns them ({@code false}): for a command line that prints them itself.
     */
    public ConfigurationLoader withWarningsLogged(boolean log) {
        return new ConfigurationLoader(registry, log);
    }

    /** The options this loader knows. */
    public ConfigOptionRegistry registry() {
        return registry;
    }

    /**
     * Loads {@code confDir/config.yaml}, if there is one, and applies {@code dynamicProperties}.
     * A directory without {@code config.yaml} gives a configuration of the dynamic properties
     * alone.
     *
     * @param confDir a configuration directory the user named; it must exist
     * @param dynamicProperties {@code -D} values by key, highest precedence
     * @throws IllegalConfigurationException if {@code confDir} does not exist, is not a directory or
     *     cannot be read, if {@code config.yaml} is unreadable or malformed YAML (the message names
     *     file and line), or if a dynamic property has an empty key
     */
    public LoadedConfiguration load(Path confDir, Map<String, String> dynamicProperties) {
        if (!Files.exists(confDir)) {
            throw new IllegalConfigurationException("Configuration directory '" + confDir + "' does not exist");
        }
        if (!Files.isDirectory(confDir)) {
            throw new IllegalConfigurationException("Configuration directory '" + confDir + "' is not a directory");
        }
        if (!Files.isReadable(confDir) || !Files.isExecutable(confDir)) {
            throw new IllegalConfigurationException("Configuration directory '" + confDir + "' cannot be read");
        }
        Path file = confDir.resolve(CONFIG_FILE_NAME);
        if (!Files.exists(file)) {
            LOG.info("No {} in {}: using defaults and -D values only", CONFIG_FILE_NAME, confDir);
            return loadDynamicOnly(dynamicProperties);
        }
        return loadFile(file, dynamicProperties);
    }

    /**
     * Loads the given YAML file and applies {@code dynamicProperties}.
     *
     * @throws IllegalConfigurationException if the file is missing, unreadable or malformed (the
     *     message names file and line), or if a dynamic property has an empty key
     */
    public LoadedConfiguration loadFile(Path configFile, Map<String, String> dynamicProperties) {
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalConfigurationException("Configuration file '" + configFile + "' does not exist");
        }
        LOG.info("Loading configuration from {}", configFile);
        return assemble(reader.read(configFile), dynamicProperties);
    }

    /**
     * A configuration of {@code dynamicProperties} alone, for when there is no configuration
     * directory.
     *
     * @throws IllegalConfigurationException if a dynamic property has an empty key
     */
    public LoadedConfiguration loadDynamicOnly(Map<String, String> dynamicProperties) {
        return assemble(List.of(), dynamicProperties);
    }

    /**
     * Parses every value of {@code configuration} that a known option reads and collects what is
     * malformed, each as a one-line {@link IllegalConfigurationException}.
     *
     * @return the errors, sorted by key; empty if every value is valid
     */
    public List<IllegalConfigurationException> validate(Configuration configuration) {
        return configuration.validate(registry.options());
    }

    private LoadedConfiguration assemble(List<ConfigEntry> fileEntries, Map<String, String> dynamicProperties) {
        Map<String, ConfigEntry> ordered = new LinkedHashMap<>();
        fileEntries.forEach(e -> ordered.put(e.key(), e));
        dynamicProperties.forEach((key, value) -> {
            String k = key == null ? "" : key.strip();
            if (k.isEmpty()) {
                throw new IllegalConfigurationException("Invalid -D property '" + key + "=" + value + "': the key is empty");
            }
            ordered.remove(k); // keep the -D values in command-line order, after the file
            ordered.put(k, new ConfigEntry(k, value == null ? "" : value.strip(), ValueOrigin.DYNAMIC));
        });
        Configuration plain = Configuration.fromEntries(ordered.values());
        List<String> warnings = new ArrayList<>();
        for (ConfigEntry entry : ordered.values()) {
            warningFor(entry, plain).ifPresent(warning -> {
                if (logWarnings) {
                    LOG.warn(warning);
                }
                warnings.add(warning);
            });
        }
        // Deprecated keys were reported just now: reading them must not report them again.
        Set<String> deprecated = ordered.keySet().stream()
                .filter(key -> registry.findByFallbackKey(key).isPresent())
                .collect(Collectors.toSet());
        return new LoadedConfiguration(Configuration.fromEntries(ordered.values(), deprecated), warnings);
    }

    private Optional<String> warningFor(ConfigEntry entry, Configuration configuration) {
        Optional<ConfigOption<?>> option = registry.find(entry.key());
        if (option.isEmpty()) {
            return Optional.of(registry.describeUnknown(entry.key(), entry.origin()));
        }
        String key = option.get().key();
        if (key.equals(entry.key())) {
            return Optional.empty();
        }
        String warning = "Key '" + entry.key() + "' (" + entry.origin().describe() + ") is deprecated; use '" + key
                + "' instead";
        String effective = Stream.concat(Stream.of(key), option.get().fallbackKeys().stream())
                .filter(configuration::containsKey)
                .findFirst()
                .orElseThrow();
        if (!effective.equals(entry.key())) {
            warning += " (it is ignored: '" + effective + "' is set too)";
        }
        return Optional.of(warning);
    }
}
