package io.spindle.runtime.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text format 0.0.4, for tests: every sample must belong to a
 * family declared by a {@code # TYPE} line before it (histograms: {@code _bucket} with {@code le},
 * {@code _count}, {@code _sum}, {@code _created}; summaries: with {@code quantile}, {@code _count},
 * {@code _sum}, {@code _created}); names, label names and escaped label values must be well formed;
 * values must be numbers, {@code +Inf}, {@code -Inf} or {@code NaN}; no family is declared twice and
 * no series appears twice; every histogram's buckets are cumulative and end with {@code +Inf} equal
 * to its {@code _count}. Anything else is an {@link IllegalArgumentException} naming the line.
 */
final class PrometheusTextParser {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {}

    /** A metric family: its type, help and samples. */
    record Family(String name, String type, String help, List<Sample> samples) {}

    private PrometheusTextParser() {
    }

    /** Parses a whole scrape; families by name, in order of appearance. */
    static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        Set<String> series = new HashSet<>();
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the scrape does not end with a newline");
        }
        for (int n = 0; n < lines.length - 1; n++) {
            String line = lines[n];
            String where = "line " + (n + 1) + " '" + line + "'";
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && parts[1].equals("HELP")) {
                    requireName(parts[2], where);
                    help.put(parts[2], parts.length == 4 ? parts[3] : "");
                } else if (parts.length >= 3 && parts[1].equals("TYPE")) {
                    if (parts.length != 4 || !TYPES.contains(parts[3])) {
                        throw new IllegalArgumentException("bad TYPE at " + where);
                    }
                    requireName(parts[2], where);
                    if (families.containsKey(parts[2])) {
                        throw new IllegalArgumentException("family declared twice at " + where);
                    }
                    families.put(parts[2], new Family(parts[2], parts[3], help.getOrDefault(parts[2], ""),
                            new ArrayList<>()));
                }
                continue;
            }
            Sample sample = sample(line, where);
            Family family = familyOf(sample, families)
                    .orElseThrow(() -> new IllegalArgumentException("sample of no declared family at " + where));
            if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                throw new IllegalArgumentException("series repeated at " + where);
            }
            family.samples().add(sample);
        }
        families.values().forEach(PrometheusTextParser::checkHistogram);
        return families;
    }

    private static Optional<Family> familyOf(Sample sample, Map<String, Family> families) {
        Family exact = families.get(sample.name());
        if (exact != null) {
            if (exact.type().equals("histogram")) {
                return Optional.empty();
            }
            if (exact.type().equals("summary") && !sample.labels().containsKey("quantile")) {
                return Optional.empty();
            }
            return Optional.of(exact);
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_created")) {
            if (sample.name().endsWith(suffix)) {
                Family f = families.get(sample.name().substring(0, sample.name().length() - suffix.length()));
                if (f != null && (f.type().equals("histogram") || f.type().equals("summary"))) {
                    if (suffix.equals("_bucket") && (!f.type().equals("histogram") || !sample.labels().containsKey("le"))) {
                        return Optional.empty();
                    }
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    private static void checkHistogram(Family family) {
        if (!family.type().equals("histogram")) {
            return;
        }
        Map<Map<String, String>, List<Sample>> bucketsBySeries = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            Map<String, String> others = new TreeMap<>(s.labels());
            others.remove("le");
            if (s.name().endsWith("_bucket")) {
                bucketsBySeries.computeIfAbsent(others, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(others, s.value());
            }
        }
        for (var entry : bucketsBySeries.entrySet()) {
            double previousLe = Double.NEGATIVE_INFINITY;
            double previous = 0;
            List<Sample> buckets = entry.getValue();
            for (Sample b : buckets) {
                double le = number(b.labels().get("le"), family.name());
                if (le <= previousLe || b.value() < previous) {
                    throw new IllegalArgumentException("histogram " + family.name() + " is not cumulative at le=" + le);
                }
                previousLe = le;
                previous = b.value();
            }
            Sample last = buckets.get(buckets.size() - 1);
            if (!last.labels().get("le").equals("+Inf") || !counts.containsKey(entry.getKey())
                    || last.value() != counts.get(entry.getKey())) {
                throw new IllegalArgumentException("histogram " + family.name() + " lacks +Inf = _count");
            }
        }
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        requireName(name, where);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException("bad label at " + where);
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches() || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("bad label name at " + where);
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        switch (next) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new IllegalArgumentException("bad escape at " + where);
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("label repeated at " + where);
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw new IllegalArgumentException("bad label list at " + where);
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("no value at " + where);
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length > 2) {
            throw new IllegalArgumentException("trailing text at " + where);
        }
        double value = number(rest[0], where);
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        return new Sample(name, labels, value);
    }

    private static double number(String text, String where) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number '" + text + "' at " + where);
                }
        }
    }

    private static void requireName(String name, String where) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name '" + name + "' at " + where);
        }
    }
}
