package io.spindle.bench.ha;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One measured figure of {@code spindle ha bench}: a name, a unit and the value of every run.
 *
 * <p>Printed as one line, {@code <name> <median> <unit> (min <x>, max <y>, n <k>)}, for example
 * {@code takeover_kill9_preempt_ms 312 ms (min 287, max 401, n 3)}. Values of 100 and more are
 * printed as whole numbers, smaller ones with one decimal.
 *
 * <p>Immutable (the sample list is copied) and thread-safe.
 *
 * @param name    the figure's name, e.g. {@code put_10k_ops_per_s}: letters, digits and '_'
 * @param unit    the unit of every value, e.g. {@code ms} or {@code ops/s}
 * @param samples one value per run, at least one
 */
public record Figure(String name, String unit, List<Double> samples) {

    /** Unit of durations. */
    public static final String MILLIS = "ms";
    /** Unit of throughputs. */
    public static final String OPS_PER_SECOND = "ops/s";

    /** The line format of {@link #format()}, for tests and tools that parse the output. */
    public static final Pattern LINE = Pattern.compile(
            "([a-z0-9_]+) (\\d+(?:\\.\\d)?) (\\S+) \\(min (\\d+(?:\\.\\d)?), max (\\d+(?:\\.\\d)?), n (\\d+)\\)");

    /**
     * @throws IllegalArgumentException if the name or unit is malformed, there are no samples, or
     *                                  a sample is negative or not finite
     */
    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("Invalid figure name '" + name + "'");
        }
        if (unit.isBlank() || unit.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("Invalid unit '" + unit + "'");
        }
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("Figure " + name + " has no samples");
        }
        for (double s : samples) {
            if (!Double.isFinite(s) || s < 0) {
                throw new IllegalArgumentException("Figure " + name + " has an invalid sample " + s);
            }
        }
    }

    /** @return the median of the samples (the mean of the middle two for an even count) */
    public double median() {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** @return the smallest sample */
    public double min() {
        return Collections.min(samples);
    }

    /** @return the largest sample */
    public double max() {
        return Collections.max(samples);
    }

    /** @return the output line: {@code <name> <median> <unit> (min <x>, max <y>, n <k>)} */
    public String format() {
        return name + " " + number(median()) + " " + unit + " (min " + number(min()) + ", max " + number(max())
                + ", n " + samples.size() + ")";
    }

    @Override
    public String toString() {
        return format();
    }

    /**
     * The count as it appears in figure names: {@code 10k} for 10,000 (multiples of 1,000 from
     * 10,000 on), otherwise the plain number ({@code 1000}, {@code 100}).
     *
     * @param count a positive count
     * @return its label
     */
    public static String countLabel(int count) {
        return count >= 10_000 && count % 1_000 == 0 ? (count / 1_000) + "k" : Integer.toString(count);
    }

    /**
     * @param operations how many operations completed
     * @param nanos      in how many nanoseconds
     * @return operations per second
     */
    public static double opsPerSecond(int operations, long nanos) {
        return operations * 1e9 / Math.max(1, nanos);
    }

    /**
     * @param nanos a duration in nanoseconds
     * @return it in milliseconds
     */
    public static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String number(double value) {
        if (value >= 99.95) {
            return Long.toString(Math.round(value));
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
