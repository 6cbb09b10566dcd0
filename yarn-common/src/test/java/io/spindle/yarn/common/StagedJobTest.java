package io.spindle.yarn.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StagedJobTest {

    @Test
    void roundTripKeepsEveryValue() throws IOException {
        StagedJob job = new StagedJob("com.example.Job", List.of("--in", "a \"b\"", "ümlaut = x", ""), 3, "word count #1");

        StagedJob read = StagedJob.decode(new ByteArrayInputStream(job.encode()), "job.properties");

        assertThat(read).isEqualTo(job);
    }

    @Test
    void writesTheDocumentedKeys() throws IOException {
        Properties props = new Properties();
        props.load(new ByteArrayInputStream(new StagedJob("com.example.Job", List.of("--in", "a \"b\""), 2, "wordcount").encode()));

        assertThat(props).containsEntry("entryClass", "com.example.Job")
                .containsEntry("arguments", "[\"--in\",\"a \\\"b\\\"\"]")
                .containsEntry("parallelism", "2")
                .containsEntry("name", "wordcount")
                .hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "parallelism | parallelism=two",
            "arguments   | arguments=[oops"})
    void aMalformedValueNamesItsKeyAndTheFile(String key, String line) {
        byte[] file = ("entryClass=a.B\n" + line + "\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> StagedJob.decode(new ByteArrayInputStream(file), "/w/job.properties"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("/w/job.properties");
    }

    @Test
    void missingEntryClassIsRejected() {
        byte[] file = "parallelism=1\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> StagedJob.decode(new ByteArrayInputStream(file), "job.properties"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("entry class");
    }

    @Test
    void jobIdIsStablePerApplication() {
        ApplicationId app = ApplicationId.newInstance(1_700_000_000_000L, 7);

        assertThat(StagedJob.jobIdOf(app)).isEqualTo(StagedJob.jobIdOf(ApplicationId.newInstance(1_700_000_000_000L, 7)))
                .hasSize(32)
                .isNotEqualTo(StagedJob.jobIdOf(ApplicationId.newInstance(1_700_000_000_000L, 8)));
    }
}
