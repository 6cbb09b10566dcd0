package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.ConfigurationLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlatYamlWriterTest {

    @TempDir
    Path tmp;

    @Test
    void everyRawValueSurvivesTheRoundTripThroughTheLoader() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("high-availability.type", "zookeeper");
        values.put("high-availability.storageDir", "hdfs://nn:8020/spindle/ha");
        values.put("a.bool", "true");
        values.put("a.null", "null");
        values.put("a.tilde", "~");
        values.put("a.number", "1e3");
        values.put("a.empty", "");
        values.put("a.comment", "x # not a comment");
        values.put("a.colon", "key: value");
        values.put("a.quotes", "it's \"quoted\" \\ backslash");
        values.put("a.spaces", "  padded  ");
        values.put("a.multiline", "line1\nline2\ttab");
        values.put("a.unicode", "Grüße ✓");
        values.put("a.list", "x,y,z");
        values.put("a.flow", "[1, 2]");
        values.put("odd key: with space", "v");
        Configuration config = Configuration.fromMap(values);

        Path file = tmp.resolve("config.yaml");
        Files.write(file, FlatYamlWriter.write(config, "header line 1\nheader line 2"));

        Configuration read = new ConfigurationLoader().withWarningsLogged(false).loadFile(file, Map.of()).configuration();
        Map<String, String> expected = new LinkedHashMap<>(values);
        expected.remove("a.empty"); // read back as empty text, or left out: both mean "not set"
        assertThat(read.toMap()).containsAllEntriesOf(expected);
        assertThat(read.entry("a.empty").map(e -> e.rawValue()).orElse("")).isEmpty();
        assertThat(Files.readString(file)).startsWith("# header line 1\n# header line 2\n")
                .contains("high-availability.type: \"zookeeper\"\n");
    }
}
