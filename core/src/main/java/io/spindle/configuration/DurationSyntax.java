package io.spindle.configuration;

import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way configuration files spell them: a whole number, optional
 * blanks, and a unit ({@code 5 s}, {@code 500ms}, {@code 1 min}, {@code 2 h}, {@code 1 d}); a bare
 * number means milliseconds. Stateless and thread-safe.
 */
final class DurationSyntax {

    /** A unit, its canonical spelling first. Ordered from the largest to the smallest. */
    private record Unit(ChronoUnit unit, List<String> spellings) {
        String canonical() {
            return spellings.get(0);
        }
    }

    private static final List<Unit> UNITS = List.of(
            new Unit(ChronoUnit.DAYS, List.of("d", "day", "days")),
            new Unit(ChronoUnit.HOURS, List.of("h", "hour", "hours")),
            new Unit(ChronoUnit.MINUTES, List.of("min", "m", "mins", "minute", "minutes")),
            new Unit(ChronoUnit.SECONDS, List.of("s", "sec", "secs", "second", "seconds")),
            new Unit(ChronoUnit.MILLIS, List.of("ms", "milli", "millis", "millisecond", "milliseconds")),
            new Unit(ChronoUnit.MICROS, List.of("us", "µs", "micro", "micros", "microsecond", "microseconds")),
            new Unit(ChronoUnit.NANOS, List.of("ns", "nano", "nanos", "nanosecond", "nanoseconds")));

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*(\\p{L}*)");

    private DurationSyntax() {}

    /**
     * @throws IllegalArgumentException if {@code text} is not a whole number with a known unit, or
     *     the duration does not fit in a {@link Duration}
     */
    static Duration parse(String text) {
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException();
        }
        String unitText = m.group(2).toLowerCase(Locale.ROOT);
        ChronoUnit unit = unitText.isEmpty() ? ChronoUnit.MILLIS : unitFor(unitText);
        try {
            return Duration.of(Long.parseLong(m.group(1)), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("the number is too large", e);
        }
    }

    /** The largest unit that represents {@code d} exactly, e.g. {@code 60 s} gives {@code 1 min}. */
    static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        if (d.isZero()) {
            return "0 ms";
        }
        BigInteger total = nanos(d);
        for (Unit unit : UNITS) {
            BigInteger[] quotientAndRemainder = total.divideAndRemainder(nanos(unit.unit().getDuration()));
            if (quotientAndRemainder[1].signum() == 0) {
                return quotientAndRemainder[0] + " " + unit.canonical();
            }
        }
        throw new AssertionError("every duration is a multiple of a nanosecond");
    }

    private static ChronoUnit unitFor(String spelling) {
        for (Unit unit : UNITS) {
            if (unit.spellings().contains(spelling)) {
                return unit.unit();
            }
        }
        throw new IllegalArgumentException();
    }

    private static BigInteger nanos(Duration d) {
        return BigInteger.valueOf(d.getSeconds()).multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(d.getNano()));
    }
}
