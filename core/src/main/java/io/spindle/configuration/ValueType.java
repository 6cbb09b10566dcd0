package io.spindle.configuration;

import java.time.Duration;
import java.util.List;

/**
 * How the values of one kind of option are written: parses the text of a YAML scalar or a
 * {@code -D} value into a Java value, formats it back, and says in words what it expects.
 *
 * <p>Implementations must be immutable and thread-safe, and {@code parse(format(v))} must equal
 * {@code v} for every value {@code v}. The factories below cover the types Spindle's options use.
 *
 * @param <T> the Java type of the values
 */
public interface ValueType<T> {

    /** A short name of the type for documentation, e.g. {@code Duration}. */
    String name();

    /**
     * What a valid value looks like, to end an error message after "expected", e.g.
     * {@code a duration such as '5 s', '500 ms' or '1 min'}.
     */
    String expectation();

    /**
     * Parses the text of a value.
     *
     * @param text the raw value, never null; surrounding blanks are ignored
     * @return the value, never null
     * @throws IllegalArgumentException if {@code text} is not a valid value; a non-null message is a
     *     short reason in lower case (e.g. {@code 'min' is not a unit}), without the value itself
     */
    T parse(String text);

    /**
     * Formats a value so that {@link #parse} gives it back.
     *
     * @throws NullPointerException if {@code value} is null
     */
    String format(T value);

    /** Any text, as written (surrounding blanks removed). */
    static ValueType<String> string() {
        return BasicValueType.STRING;
    }

    /** A 32-bit signed integer. */
    static ValueType<Integer> integer() {
        return BasicValueType.INTEGER;
    }

    /** A 64-bit signed integer. */
    static ValueType<Long> longInteger() {
        return BasicValueType.LONG;
    }

    /** {@code true} or {@code false}, in any case. */
    static ValueType<Boolean> bool() {
        return BasicValueType.BOOLEAN;
    }

    /**
     * A non-negative duration: a whole number and a unit ({@code ns}, {@code us}, {@code ms},
     * {@code s}, {@code min}, {@code h}, {@code d} or their long forms such as {@code seconds}); a
     * bare number means milliseconds.
     */
    static ValueType<Duration> duration() {
        return BasicValueType.DURATION;
    }

    /** A {@link MemorySize}; see {@link MemorySize#parse(String)}. */
    static ValueType<MemorySize> memorySize() {
        return BasicValueType.MEMORY_SIZE;
    }

    /** A {@link PortRange}; see {@link PortRange#parse(String)}. */
    static ValueType<PortRange> portRange() {
        return BasicValueType.PORT_RANGE;
    }

    /** A comma-separated list of strings; items are trimmed and empty items dropped. */
    static ValueType<List<String>> stringList() {
        return BasicValueType.STRING_LIST;
    }

    /**
     * A constant of {@code enumClass}, named in any case, with {@code -} and {@code _}
     * interchangeable; formatted in lower case.
     */
    static <E extends Enum<E>> ValueType<E> enumType(Class<E> enumClass) {
        return new EnumValueType<>(enumClass);
    }
}
