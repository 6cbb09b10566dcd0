package io.spindle.configuration;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A set of TCP ports to try in order, written as one port ({@code 50010}), a range
 * ({@code 50000-50025}) or a comma-separated list of both ({@code 50010,50020-50025}). Port
 * {@code 0} means "any free port" and may only appear alone.
 *
 * <p>Immutable and thread-safe. Iteration yields the ports in the order written. {@link
 * #toString()} gives the written form back in canonical spelling (no blanks), which {@link
 * #parse(String)} reads back to an equal range.
 */
public final class PortRange implements Iterable<Integer> {

    /** The highest TCP port. */
    public static final int MAX_PORT = 65_535;

    /** Port 0 alone: let the operating system pick any free port. */
    public static final PortRange ANY = new PortRange(List.of(new Segment(0, 0)));

    /** An inclusive run of ports. */
    private record Segment(int from, int to) {
        IntStream ports() {
            return IntStream.rangeClosed(from, to);
        }

        @Override
        public String toString() {
            return from == to ? String.valueOf(from) : from + "-" + to;
        }
    }

    private final List<Segment> segments;

    private PortRange(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    /**
     * A single port.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public static PortRange of(int port) {
        checkPort(port);
        return port == 0 ? ANY : new PortRange(List.of(new Segment(port, port)));
    }

    /**
     * The ports {@code from} to {@code to}, both included.
     *
     * @throws IllegalArgumentException if a port is outside 0..65535, {@code from > to}, or the
     *     range includes 0 together with other ports
     */
    public static PortRange of(int from, int to) {
        return new PortRange(List.of(segment(from, to)));
    }

    /**
     * Parses {@code 50010}, {@code 50000-50025} or {@code 50010,50020-50025}; blanks around numbers
     * are ignored.
     *
     * @throws IllegalArgumentException if the text is not in that form, a port is outside
     *     0..65535, a range starts above its end, or 0 appears together with other ports; the
     *     message says which
     */
    public static PortRange parse(String text) {
        List<Segment> segments = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String[] bounds = part.split("-", -1);
            if (bounds.length > 2) {
                throw new IllegalArgumentException();
            }
            int from = parsePort(bounds[0]);
            int to = bounds.length == 2 ? parsePort(bounds[1]) : from;
            segments.add(segment(from, to));
        }
        if (segments.size() == 1 && segments.get(0).from() == 0) {
            return ANY;
        }
        if (segments.stream().anyMatch(s -> s.from() == 0)) {
            throw new IllegalArgumentException("port 0 (any free port) cannot be combined with other ports");
        }
        return new PortRange(segments);
    }

    /** Whether this is port 0 alone, i.e. "any free port". */
    public boolean isAnyPort() {
        return segments.size() == 1 && segments.get(0).from() == 0;
    }

    /** The ports in the order written. */
    public IntStream ports() {
        return segments.stream().flatMapToInt(Segment::ports);
    }

    /** The number of ports, counting a port written twice twice. */
    public int size() {
        return segments.stream().mapToInt(s -> s.to() - s.from() + 1).sum();
    }

    /** The ports in the order written; the iterator does not support removal. */
    @Override
    public Iterator<Integer> iterator() {
        return ports().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortRange other && other.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(segments);
    }

    /** The written form, e.g. {@code 50010,50020-50025}. */
    @Override
    public String toString() {
        return segments.stream().map(Segment::toString).collect(Collectors.joining(","));
    }

    private static Segment segment(int from, int to) {
        checkPort(from);
        checkPort(to);
        if (from > to) {
            throw new IllegalArgumentException(
                    "the range " + from + "-" + to + " starts above its end");
        }
        if (from == 0 && to != 0) {
            throw new IllegalArgumentException("port 0 (any free port) cannot be part of a range");
        }
        return new Segment(from, to);
    }

    private static int parsePort(String text) {
        String digits = text.strip();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 9) {
            throw new IllegalArgumentException();
        }
        return checkPort(Integer.parseInt(digits));
    }

    private static int checkPort(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is outside 0.." + MAX_PORT);
        }
        return port;
    }
}
