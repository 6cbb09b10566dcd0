package io.spindle.bench.command;

import io.spindle.configuration.ValueType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The duration options of the bench commands, spelled as configuration files spell durations
 * ({@code 6 s}, {@code 500 ms}, {@code 10m}, {@code 1 h}; see {@link ValueType#duration()}), or as
 * an ISO-8601 duration ({@code PT10M}); unlike in a file, a bare number is refused (it needs a
 * unit). A bad value is a usage error naming it. Stateless.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.strip();
        if (v.toLowerCase(Locale.ROOT).startsWith("pt")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw notADuration(value, null);
            }
        }
        if (v.chars().allMatch(Character::isDigit)) {
            // A configuration file reads a bare number as milliseconds; on a command line "--duration 10"
            // more likely meant minutes or seconds, so it takes a unit.
            throw notADuration(value, "a unit is needed, such as " + v + "s or " + v + "m");
        }
        try {
            return ValueType.duration().parse(v);
        } catch (IllegalArgumentException e) {
            throw notADuration(value, e.getMessage());
        }
    }

    private static TypeConversionException notADuration(String value, String reason) {
        return new TypeConversionException("'" + value + "' is not a duration" + (reason == null ? "" : " (" + reason + ")")
                + ": expected " + ValueType.duration().expectation());
    }
}
