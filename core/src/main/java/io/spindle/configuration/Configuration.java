package io.spindle.configuration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable set of raw configuration values, each with its key and {@link ValueOrigin}, read
 * through typed {@link ConfigOption}s.
 *
 * <p>Values are kept as written and parsed on every read, so a malformed value is reported, as an
 * {@link IllegalConfigurationException} naming key, value, origin and what was expected, by the
 * read that needs it (or earlier, by {@link #validate}). When an option's own key is not set, its
 * fallback keys are read in order and a deprecation warning is logged once per key and instance.
 *
 * <p>Instances are immutable and thread-safe; the {@code with...} methods return copies.
 */
public final class Configuration {

    private static final Logger LOG = LoggerFactory.getLogger(Configuration.class);

    private static final Configuration EMPTY = new Configuration(Map.of(), Set.of());

    /** Sorted by key. */
    private final Map<String, ConfigEntry> entries;

    /** Fallback keys whose deprecation this instance has already logged. */
    private final Set<String> loggedDeprecations = ConcurrentHashMap.newKeySet();

    private Configuration(Map<String, ConfigEntry> entries) {
        this(entries, Set.of());
    }

    private Configuration(Map<String, ConfigEntry> entries, Set<String> reportedDeprecations) {
        this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        this.loggedDeprecations.addAll(reportedDeprecations);
    }

    /** A configuration with no values: every option has its default. */
    public static Configuration empty() {
        return EMPTY;
    }

    /**
     * A configuration of the given raw values, of origin {@link ValueOrigin#PROGRAMMATIC}.
     *
     * @throws NullPointerException if a key or value is null
     */
    public static Configuration fromMap(Map<String, String> values) {
        Map<String, ConfigEntry> entries = new TreeMap<>();
        values.forEach((k, v) -> entries.put(k, new ConfigEntry(k, v, ValueOrigin.PROGRAMMATIC)));
        return new Configuration(entries);
    }

    /** A configuration of the given entries; of two entries with the same key, the later wins. */
    public static Configuration fromEntries(Collection<ConfigEntry> entries) {
        Map<String, ConfigEntry> byKey = new TreeMap<>();
        entries.forEach(e -> byKey.put(e.key(), e));
        return new Configuration(byKey);
    }

    /**
     * As {@link #fromEntries(Collection)}, for a loader that has already reported the given
     * deprecated keys to the user: reading them does not log again.
     */
    static Configuration fromEntries(Collection<ConfigEntry> entries, Set<String> reportedDeprecations) {
        Map<String, ConfigEntry> byKey = new TreeMap<>();
        entries.forEach(e -> byKey.put(e.key(), e));
        return new Configuration(byKey, reportedDeprecations);
    }

    /**
     * The value of {@code option}: the parsed value set under its key or a fallback key, otherwise
     * its default, otherwise {@code null}.
     *
     * @throws IllegalConfigurationException if the value set is malformed
     */
    public <T> T get(ConfigOption<T> option) {
        return getOptional(option).or(option::defaultValue).orElse(null);
    }

    /**
     * The parsed value set for {@code option} under its key or a fallback key; empty if none is
     * set. Unlike {@link #get}, the default is not considered.
     *
     * @throws IllegalConfigurationException if the value set is malformed
     */
    public <T> Optional<T> getOptional(ConfigOption<T> option) {
        return entry(option).map(e -> parse(option, e));
    }

    /**
     * The value of {@code option}, set or default.
     *
     * @throws IllegalConfigurationException if no value is set and the option has no default (the
     *     message names the key), or the value set is malformed
     */
    public <T> T getRequired(ConfigOption<T> option) {
        T value = get(option);
        if (value == null) {
            throw new IllegalConfigurationException("Missing value for key '" + option.key() + "' ("
                    + option.type().expectation() + "): set it in config.yaml or with -D " + option.key()
                    + "=<value>");
        }
        return value;
    }

    /** Whether a value is set for {@code option}, under its key or a fallback key. */
    public boolean contains(ConfigOption<?> option) {
        return entries.containsKey(option.key()) || option.fallbackKeys().stream().anyMatch(entries::containsKey);
    }

    /** Whether a value is set under exactly this key. */
    public boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    /** The raw value set under exactly this key, with its origin. */
    public Optional<ConfigEntry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /**
     * The raw value that {@link #get} would parse for {@code option}: the one under its key, else
     * under its first fallback key that is set (logging a deprecation warning once); empty if none.
     */
    public Optional<ConfigEntry> entry(ConfigOption<?> option) {
        ConfigEntry own = entries.get(option.key());
        if (own != null) {
            return Optional.of(own);
        }
        for (String fallback : option.fallbackKeys()) {
            ConfigEntry old = entries.get(fallback);
            if (old != null) {
                if (loggedDeprecations.add(fallback)) {
                    LOG.warn("Key '{}' ({}) is deprecated; use '{}' instead", fallback, old.origin().describe(),
                            option.key());
                }
                return Optional.of(old);
            }
        }
        return Optional.empty();
    }

    /** Where the value set under exactly this key came from; empty if it is not set. */
    public Optional<ValueOrigin> origin(String key) {
        return entry(key).map(ConfigEntry::origin);
    }

    /** Every value set, sorted by key. */
    public Collection<ConfigEntry> entries() {
        return entries.values();
    }

    /** The raw values set, by key, sorted by key; unmodifiable. */
    public Map<String, String> toMap() {
        Map<String, String> map = new TreeMap<>();
        entries.forEach((k, e) -> map.put(k, e.rawValue()));
        return Collections.unmodifiableMap(map);
    }

    /**
     * A copy with {@code value} set for {@code option} under its own key, of origin {@link
     * ValueOrigin#PROGRAMMATIC}.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if the option's type cannot format the value
     */
    public <T> Configuration with(ConfigOption<T> option, T value) {
        return withRaw(option.key(), option.type().format(value), ValueOrigin.PROGRAMMATIC);
    }

    /** A copy with the raw {@code value} set under {@code key}, of origin {@link ValueOrigin#PROGRAMMATIC}. */
    public Configuration withRaw(String key, String value) {
        return withRaw(key, value, ValueOrigin.PROGRAMMATIC);
    }

    /** A copy with the raw {@code value} set under {@code key}, of the given origin. */
    public Configuration withRaw(String key, String value, ValueOrigin origin) {
        Map<String, ConfigEntry> copy = new TreeMap<>(entries);
        copy.put(key, new ConfigEntry(key, value, origin));
        return new Configuration(copy);
    }

    /** A copy in which the values of {@code overrides} replace those under the same keys. */
    public Configuration overriddenBy(Configuration overrides) {
        Map<String, ConfigEntry> copy = new TreeMap<>(entries);
        copy.putAll(overrides.entries);
        return new Configuration(copy);
    }

    /**
     * Parses the value set for each of {@code options} and collects what is wrong, in the order of
     * {@code options}. Options without a value set are skipped: their defaults are valid by
     * construction.
     *
     * @return one exception per malformed value; empty if all are valid
     */
    public List<IllegalConfigurationException> validate(Collection<? extends ConfigOption<?>> options) {
        List<IllegalConfigurationException> errors = new ArrayList<>();
        for (ConfigOption<?> option : options) {
            try {
                getOptional(option);
            } catch (IllegalConfigurationException e) {
                errors.add(e);
            }
        }
        return errors;
    }

    private static <T> T parse(ConfigOption<T> option, ConfigEntry entry) {
        try {
            return option.type().parse(entry.rawValue());
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage() == null ? "" : "; " + e.getMessage();
            throw new IllegalConfigurationException("Invalid value '" + printable(entry.rawValue()) + "' for key '"
                    + entry.key() + "' (" + entry.origin().describe() + "): expected " + option.type().expectation()
                    + reason, e);
        }
    }

    /** The value on one line, as in an error message. */
    private static String printable(String value) {
        return value.replace("\r", "\\r").replace("\n", "\\n");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Configuration other && other.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }

    @Override
    public String toString() {
        return entries.values().stream()
                .map(e -> e.key() + "=" + e.rawValue())
                .collect(Collectors.joining(", ", "Configuration{", "}"));
    }
}
