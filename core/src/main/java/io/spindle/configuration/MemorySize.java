package io.spindle.configuration;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory in bytes, written in configuration files as a whole number with an optional
 * binary unit: {@code 1024m}, {@code 512 mb}, {@code 1 gb}, {@code 1g}, {@code 64k}; a bare number
 * means bytes. Units are powers of 1024 ({@code k}/{@code kb}/{@code kib} = 1024 bytes) and are
 * case-insensitive.
 *
 * <p>Immutable and thread-safe; ordered by size.
 *
 * @param bytes the size in bytes, never negative
 */
public record MemorySize(long bytes) implements Comparable<MemorySize> {

    /** Zero bytes. */
    public static final MemorySize ZERO = new MemorySize(0);

    private record Unit(long bytes, List<String> spellings) {
        String canonical() {
            return spellings.get(0);
        }
    }

    /** Ordered from the largest to the smallest. */
    private static final List<Unit> UNITS = List.of(
            new Unit(1L << 40, List.of("tb", "t", "tib", "tebibyte", "tebibytes")),
            new Unit(1L << 30, List.of("gb", "g", "gib", "gibibyte", "gibibytes")),
            new Unit(1L << 20, List.of("mb", "m", "mib", "mebibyte", "mebibytes")),
            new Unit(1L << 10, List.of("kb", "k", "kib", "kibibyte", "kibibytes")),
            new Unit(1L, List.of("bytes", "b", "byte")));

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*(\\p{L}*)");

    /** @throws IllegalArgumentException if {@code bytes} is negative */
    public MemorySize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a memory size cannot be negative: " + bytes);
        }
    }

    /**
     * Parses a memory size such as {@code 1600m}, {@code 512 mb}, {@code 1 gb} or {@code 4096}.
     *
     * @throws IllegalArgumentException if {@code text} is not a whole number with an optional known
     *     unit, or is larger than {@link Long#MAX_VALUE} bytes
     */
    public static MemorySize parse(String text) {
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException();
        }
        String spelling = m.group(2).toLowerCase(Locale.ROOT);
        long multiplier = spelling.isEmpty() ? 1 : unitFor(spelling).bytes();
        try {
            return new MemorySize(Math.multiplyExact(Long.parseLong(m.group(1)), multiplier));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("the size is too large", e);
        }
    }

    /** @throws IllegalArgumentException if {@code mebiBytes} is negative or too large */
    public static MemorySize ofMebiBytes(long mebiBytes) {
        try {
            return new MemorySize(Math.multiplyExact(mebiBytes, 1L << 20));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too large: " + mebiBytes + " MiB", e);
        }
    }

    /** The size in whole kibibytes (1024 bytes), rounded down. */
    public long kibiBytes() {
        return bytes >> 10;
    }

    /** The size in whole mebibytes (1024 KiB), rounded down. */
    public long mebiBytes() {
        return bytes >> 20;
    }

    /** The size in whole gibibytes (1024 MiB), rounded down. */
    public long gibiBytes() {
        return bytes >> 30;
    }

    @Override
    public int compareTo(MemorySize other) {
        return Long.compare(bytes, other.bytes);
    }

    /**
     * The size in the largest unit that represents it exactly, e.g. {@code 1600 mb}, {@code 1 gb},
     * {@code 1500 bytes}; {@link #parse} reads it back.
     */
    @Override
    public String toString() {
        for (Unit unit : UNITS) {
            if (bytes % unit.bytes() == 0 && bytes != 0) {
                return bytes / unit.bytes() + " " + unit.canonical();
            }
        }
        return bytes + " bytes";
    }

    private static Unit unitFor(String spelling) {
        for (Unit unit : UNITS) {
            if (unit.spellings().contains(spelling)) {
                return unit;
            }
        }
        throw new IllegalArgumentException();
    }
}
