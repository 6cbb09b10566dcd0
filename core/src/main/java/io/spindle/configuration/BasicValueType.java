package io.spindle.configuration;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link ValueType} made of a name, an expectation and two functions. Immutable.
 *
 * @param <T> the Java type of the values
 */
record BasicValueType<T>(
        String name, String expectation, Function<String, T> parser, Function<T, String> formatter)
        implements ValueType<T> {

    static final BasicValueType<String> STRING =
            new BasicValueType<>("String", "a string", String::strip, Function.identity());

    static final BasicValueType<Integer> INTEGER = new BasicValueType<>(
            "Integer", "an integer such as '3' or '-1'", BasicValueType::parseInt, String::valueOf);

    static final BasicValueType<Long> LONG = new BasicValueType<>(
            "Long", "an integer such as '10000'", BasicValueType::parseLong, String::valueOf);

    static final BasicValueType<Boolean> BOOLEAN = new BasicValueType<>(
            "Boolean", "'true' or 'false'", BasicValueType::parseBoolean, String::valueOf);

    static final BasicValueType<Duration> DURATION = new BasicValueType<>(
            "Duration",
            "a duration such as '5 s', '500 ms' or '1 min'",
            DurationSyntax::parse,
            DurationSyntax::format);

    static final BasicValueType<MemorySize> MEMORY_SIZE = new BasicValueType<>(
            "MemorySize",
            "a memory size such as '1600m', '512 mb' or '1 gb'",
            MemorySize::parse,
            MemorySize::toString);

    static final BasicValueType<PortRange> PORT_RANGE = new BasicValueType<>(
            "PortRange",
            "a port (0 for any free port), a range or a list such as '50010', '50000-50025' or"
                    + " '50010,50020-50025'",
            PortRange::parse,
            PortRange::toString);

    static final BasicValueType<List<String>> STRING_LIST = new BasicValueType<>(
            "List<String>",
            "a comma-separated list such as 'a,b,c'",
            BasicValueType::parseList,
            list -> String.join(",", list));

    BasicValueType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(formatter, "formatter");
    }

    @Override
    public T parse(String text) {
        return parser.apply(Objects.requireNonNull(text, "text"));
    }

    @Override
    public String format(T value) {
        return formatter.apply(Objects.requireNonNull(value, "value"));
    }

    @Override
    public String toString() {
        return name;
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(null, e);
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(null, e);
        }
    }

    private static boolean parseBoolean(String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException();
        }
    }

    private static List<String> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
