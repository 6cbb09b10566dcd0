package io.spindle.bench.command;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** {@code 10m}, {@code 90s}, {@code 1h} or an ISO-8601 duration ({@code PT10M}) for picocli options. Stateless. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("pt")) {
            return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
        }
        if (!v.matches("[0-9]+[smh]")) {
            throw new IllegalArgumentException("expected a duration such as 90s, 10m or 1h: " + value);
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
