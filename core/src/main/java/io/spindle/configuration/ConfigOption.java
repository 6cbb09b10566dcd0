package io.spindle.configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configuration option: its key, the {@link ValueType} of its values, an optional default, a
 * description for users, and fallback keys (older names that are still read, with a deprecation
 * warning).
 *
 * <p>Built fluently:
 *
 * <pre>{@code
 * ConfigOption<Duration> RETRY_WAIT = ConfigOption.key("high-availability.zookeeper.client.retry-wait")
 *         .durationType()
 *         .defaultValue(Duration.ofSeconds(5))
 *         .description("How long to wait before the first retry ...");
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #withFallbackKeys} returns a copy. Two options are equal
 * when key, type, default, description and fallback keys are equal.
 *
 * @param <T> the Java type of the option's values
 */
public final class ConfigOption<T> {

    private static final Pattern KEY_SYNTAX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final String key;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String description;
    private final List<String> fallbackKeys;

    private ConfigOption(String key, ValueType<T> type, T defaultValue, String description, List<String> fallbackKeys) {
        this.key = checkKey(key);
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description, "description").strip();
        if (this.description.isEmpty()) {
            throw new IllegalArgumentException("option '" + key + "' needs a description");
        }
        this.fallbackKeys = List.copyOf(fallbackKeys);
        this.fallbackKeys.forEach(ConfigOption::checkKey);
        if (this.fallbackKeys.contains(key) || this.fallbackKeys.stream().distinct().count() != this.fallbackKeys.size()) {
            throw new IllegalArgumentException("option '" + key + "' lists a fallback key twice or its own key");
        }
        if (defaultValue != null) {
            T reparsed = type.parse(type.format(defaultValue));
            if (!reparsed.equals(defaultValue)) {
                throw new IllegalArgumentException("the default of option '" + key + "' does not survive formatting: "
                        + defaultValue + " became " + reparsed);
            }
        }
    }

    /**
     * Starts the definition of an option.
     *
     * @param key dot-separated words of letters, digits, {@code -} and {@code _}
     * @throws IllegalArgumentException if the key is malformed
     */
    public static KeyBuilder key(String key) {
        return new KeyBuilder(checkKey(key));
    }

    /** The key under which the option is written. */
    public String key() {
        return key;
    }

    /** How values are parsed and formatted. */
    public ValueType<T> type() {
        return type;
    }

    /** The value used when none is set; empty if the option has no default. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether the option has a default value. */
    public boolean hasDefault() {
        return defaultValue != null;
    }

    /** The default value as it would be written in {@code config.yaml}; empty if there is none. */
    public Optional<String> formattedDefault() {
        return defaultValue().map(type::format);
    }

    /** What the option does, for users. */
    public String description() {
        return description;
    }

    /** Older keys that are still read when {@link #key()} is not set, in order of preference. */
    public List<String> fallbackKeys() {
        return fallbackKeys;
    }

    /**
     * A copy of this option that also reads the given older keys, in the order given, when its own
     * key is not set.
     *
     * @throws IllegalArgumentException if a key is malformed, repeated, or this option's own key
     */
    public ConfigOption<T> withFallbackKeys(String... keys) {
        List<String> all = new ArrayList<>(fallbackKeys);
        all.addAll(Arrays.asList(keys));
        return new ConfigOption<>(key, type, defaultValue, description, all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigOption<?> other
                && other.key.equals(key)
                && other.type.equals(type)
                && Objects.equals(other.defaultValue, defaultValue)
                && other.description.equals(description)
                && other.fallbackKeys.equals(fallbackKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, type, defaultValue, description, fallbackKeys);
    }

    @Override
    public String toString() {
        return key + " (" + type.name() + formattedDefault().map(d -> ", default '" + d + "'").orElse("") + ")";
    }

    private static String checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!KEY_SYNTAX.matcher(key).matches()) {
            throw new IllegalArgumentException("malformed option key '" + key + "'");
        }
        return key;
    }

    /**
     * The first step of defining an option: choose the value type. Immutable.
     */
    public static final class KeyBuilder {
        private final String key;

        private KeyBuilder(String key) {
            this.key = key;
        }

        /** Values are any text. */
        public TypedBuilder<String> stringType() {
            return type(ValueType.string());
        }

        /** Values are 32-bit integers. */
        public TypedBuilder<Integer> intType() {
            return type(ValueType.integer());
        }

        /** Values are 64-bit integers. */
        public TypedBuilder<Long> longType() {
            return type(ValueType.longInteger());
        }

        /** Values are {@code true} or {@code false}. */
        public TypedBuilder<Boolean> booleanType() {
            return type(ValueType.bool());
        }

        /** Values are durations such as {@code 5 s}. */
        public TypedBuilder<Duration> durationType() {
            return type(ValueType.duration());
        }

        /** Values are memory sizes such as {@code 1600m}. */
        public TypedBuilder<MemorySize> memoryType() {
            return type(ValueType.memorySize());
        }

        /** Values are ports, ranges or lists such as {@code 50000-50025}. */
        public TypedBuilder<PortRange> portRangeType() {
            return type(ValueType.portRange());
        }

        /** Values are comma-separated lists of strings (YAML lists are accepted too). */
        public TypedBuilder<List<String>> stringListType() {
            return type(ValueType.stringList());
        }

        /** Values are constants of {@code enumClass}, named in any case. */
        public <E extends Enum<E>> TypedBuilder<E> enumType(Class<E> enumClass) {
            return type(ValueType.enumType(enumClass));
        }

        /** Values are of the given type. */
        public <T> TypedBuilder<T> type(ValueType<T> type) {
            return new TypedBuilder<>(key, Objects.requireNonNull(type, "type"), null);
        }
    }

    /**
     * The second step of defining an option: an optional default, then the description, which
     * completes the option. Immutable.
     *
     * @param <T> the Java type of the option's values
     */
    public static final class TypedBuilder<T> {
        private final String key;
        private final ValueType<T> type;
        private final T defaultValue;

        private TypedBuilder(String key, ValueType<T> type, T defaultValue) {
            this.key = key;
            this.type = type;
            this.defaultValue = defaultValue;
        }

        /**
         * The value used when none is set.
         *
         * @throws NullPointerException if {@code value} is null (leave the default out instead)
         */
        public TypedBuilder<T> defaultValue(T value) {
            return new TypedBuilder<>(key, type, Objects.requireNonNull(value, "value"));
        }

        /**
         * Completes the option with its description for users.
         *
         * @throws IllegalArgumentException if the description is blank, or the default does not
         *     survive formatting and parsing
         */
        public ConfigOption<T> description(String description) {
            return new ConfigOption<>(key, type, defaultValue, description, List.of());
        }
    }
}
