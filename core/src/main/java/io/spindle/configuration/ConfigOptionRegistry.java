package io.spindle.configuration;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every option Spindle understands, grouped in titled sections (one per holder class such as
 * {@link HighAvailabilityOptions}), with lookup by key or fallback key and "did you mean"
 * suggestions for misspelt keys.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigOptionRegistry {

    private static final ConfigOptionRegistry DEFAULTS = of(List.of(
            Section.fromHolder("High availability", HighAvailabilityOptions.class),
            Section.fromHolder("Security", SecurityOptions.class),
            Section.fromHolder("YARN", YarnOptions.class),
            Section.fromHolder("JobManager", JobManagerOptions.class),
            Section.fromHolder("TaskManager", TaskManagerOptions.class),
            Section.fromHolder("Checkpointing and restarts", CheckpointingOptions.class)));

    /**
     * A titled group of options, sorted by key. Immutable.
     *
     * @param title the heading, e.g. {@code High availability}
     * @param options the options, sorted by key
     */
    public record Section(String title, List<ConfigOption<?>> options) {

        /** Copies {@code options} and sorts them by key. */
        public Section {
            Objects.requireNonNull(title, "title");
            options = options.stream().sorted(Comparator.comparing(ConfigOption::key)).toList();
        }

        /**
         * A section of every {@code public static final ConfigOption} field of {@code holder}.
         *
         * @throws IllegalArgumentException if {@code holder} declares no such field
         */
        public static Section fromHolder(String title, Class<?> holder) {
            List<ConfigOption<?>> options = new ArrayList<>();
            for (Field field : holder.getFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    try {
                        options.add((ConfigOption<?>) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot read " + field, e);
                    }
                }
            }
            if (options.isEmpty()) {
                throw new IllegalArgumentException(holder.getName() + " declares no public static final ConfigOption");
            }
            return new Section(title, options);
        }
    }

    private final List<Section> sections;
    private final List<ConfigOption<?>> options;
    private final Map<String, ConfigOption<?>> byKey;
    private final Map<String, ConfigOption<?>> byFallbackKey;

    private ConfigOptionRegistry(List<Section> sections) {
        this.sections = List.copyOf(sections);
        this.options = sections.stream()
                .flatMap(s -> s.options().stream())
                .sorted(Comparator.comparing(ConfigOption::key))
                .toList();
        Map<String, ConfigOption<?>> keys = new HashMap<>();
        Map<String, ConfigOption<?>> fallbacks = new HashMap<>();
        for (ConfigOption<?> option : options) {
            claim(keys, option.key(), option);
            for (String fallback : option.fallbackKeys()) {
                claim(fallbacks, fallback, option);
            }
        }
        for (String fallback : fallbacks.keySet()) {
            if (keys.containsKey(fallback)) {
                throw new IllegalArgumentException("'" + fallback + "' is both an option key and a fallback key");
            }
        }
        this.byKey = Map.copyOf(keys);
        this.byFallbackKey = Map.copyOf(fallbacks);
    }

    /** Every option defined by Spindle's option holders. */
    public static ConfigOptionRegistry defaults() {
        return DEFAULTS;
    }

    /**
     * A registry of the given sections.
     *
     * @throws IllegalArgumentException if a key is defined twice, or is both a key and a fallback
     *     key
     */
    public static ConfigOptionRegistry of(List<Section> sections) {
        return new ConfigOptionRegistry(sections);
    }

    /** The sections in the order given. */
    public List<Section> sections() {
        return sections;
    }

    /** Every option, sorted by key. */
    public List<ConfigOption<?>> options() {
        return options;
    }

    /** The option whose key or fallback key is {@code key}. */
    public Optional<ConfigOption<?>> find(String key) {
        ConfigOption<?> option = byKey.get(key);
        return Optional.ofNullable(option != null ? option : byFallbackKey.get(key));
    }

    /** The option for which {@code key} is a deprecated fallback key; empty if it is not one. */
    public Optional<ConfigOption<?>> findByFallbackKey(String key) {
        return Optional.ofNullable(byFallbackKey.get(key));
    }

    /**
     * The known key closest to {@code unknownKey} by edit distance, if it is close enough to be a
     * likely misspelling (at most a fifth of the key's length, and at least 2 edits, apart).
     */
    public Optional<String> suggest(String unknownKey) {
        int limit = Math.max(2, unknownKey.length() / 5);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigOption<?> option : options) {
            int distance = editDistance(unknownKey, option.key());
            if (distance < bestDistance) {
                best = option.key();
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** "Unknown key 'x'" plus the origin and, when there is one, a suggestion; one line. */
    String describeUnknown(String key, ValueOrigin origin) {
        return "Unknown key '" + key + "' (" + origin.describe() + ")"
                + suggest(key).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    private static void claim(Map<String, ConfigOption<?>> map, String key, ConfigOption<?> option) {
        ConfigOption<?> previous = map.putIfAbsent(key, option);
        if (previous != null) {
            throw new IllegalArgumentException("key '" + key + "' is defined twice");
        }
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each of cost 1. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
