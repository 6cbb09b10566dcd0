package io.spindle.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One scrape of a {@code /metrics} endpoint, parsed strictly ({@link PrometheusTextParser}). */
record Scrape(Map<String, PrometheusTextParser.Family> families) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** GETs {@code url}, checks status and content type, and parses the body. */
    static Scrape of(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ProcessMetrics.CONTENT_TYPE);
        return new Scrape(PrometheusTextParser.parse(response.body()));
    }

    /** The type of the family {@code name}; fails if there is none. */
    String type(String name) {
        assertThat(families.keySet()).as("families").contains(name);
        return families.get(name).type();
    }

    /** The value of the one sample {@code sample} whose labels include {@code labels}; fails unless exactly one. */
    double value(String sample, Map<String, String> labels) {
        List<PrometheusTextParser.Sample> matches = families.values().stream()
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(sample) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        assertThat(matches).as(sample + labels).hasSize(1);
        return matches.get(0).value();
    }

    /** As {@link #value(String, Map)} without labels. */
    double value(String sample) {
        return value(sample, Map.of());
    }
}
