package io.spindle.examples.common;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Program arguments of the form {@code --name value}, {@code --name=value} and {@code --flag}.
 *
 * <p>Parsing is strict: an unknown option, a repeated option, a value option without a value, a
 * value given to a flag, or a stray positional argument is rejected. Every rejection is an
 * {@link IllegalArgumentException} with a one-line message that names the argument.
 *
 * <p>Immutable and thread-safe.
 */
public final class Arguments {

    private final Map<String, String> values;
    private final Set<String> flags;

    private Arguments(Map<String, String> values, Set<String> flags) {
        this.values = Collections.unmodifiableMap(values);
        this.flags = Collections.unmodifiableSet(flags);
    }

    /**
     * Parses {@code arguments}.
     *
     * @param arguments the program arguments
     * @param valueOptions names (without {@code --}) of options that take a value
     * @param flagOptions names (without {@code --}) of options that take no value
     * @throws IllegalArgumentException if an argument is malformed, unknown or repeated
     */
    public static Arguments parse(List<String> arguments, Set<String> valueOptions, Set<String> flagOptions) {
        Objects.requireNonNull(arguments, "arguments");
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            if (arg == null || !arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (options look like --name value)");
            }
            String name = arg.substring(2);
            String inlineValue = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inlineValue = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (values.containsKey(name) || flags.contains(name)) {
                throw new IllegalArgumentException("--" + name + " is given more than once");
            }
            if (flagOptions.contains(name)) {
                if (inlineValue != null) {
                    throw new IllegalArgumentException("--" + name + " takes no value");
                }
                flags.add(name);
            } else if (valueOptions.contains(name)) {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= arguments.size() || arguments.get(i + 1) == null
                            || arguments.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = arguments.get(++i);
                }
                values.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown argument --" + name);
            }
        }
        return new Arguments(values, flags);
    }

    /** The value of option {@code name}, if given. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * The non-blank value of option {@code name}.
     *
     * @throws IllegalArgumentException if it is missing or blank
     */
    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " must not be blank");
        }
        return value;
    }

    /**
     * The value of option {@code name} as a long of at least {@code min}, or {@code defaultValue}
     * when it is not given.
     *
     * @throws IllegalArgumentException if the value is not a number or is below {@code min}
     */
    public long longValue(String name, long defaultValue, long min) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'");
        }
        if (parsed < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", not " + parsed);
        }
        return parsed;
    }

    /** Whether flag {@code name} is given. */
    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** Whether option {@code name} (value or flag) is given. */
    public boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }
}
