package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/configuration.md} in step with the option definitions. Run with
 * {@code -Dspindle.docs.update=true} to rewrite the file instead of failing.
 */
class ConfigurationDocsTest {

    private final String generated = new ConfigurationDocs(ConfigOptionRegistry.defaults()).generate();

    @Test
    void docsMatchTheOptionDefinitions() throws IOException {
        Path docs = RepositoryRoot.find().resolve("docs").resolve("configuration.md");
        if (Boolean.getBoolean("spindle.docs.update")) {
            Files.createDirectories(docs.getParent());
            Files.writeString(docs, generated, StandardCharsets.UTF_8);
            return;
        }
        String message = docs + " is out of date with the option definitions in core. Regenerate it with: "
                + ConfigurationDocs.REGENERATE_COMMAND;
        assertThat(docs).as(message).exists();
        assertThat(Files.readString(docs, StandardCharsets.UTF_8)).as(message).isEqualTo(generated);
    }

    @Test
    void documentsEveryOptionWithTypeAndDefault() {
        for (ConfigOption<?> option : ConfigOptionRegistry.defaults().options()) {
            assertThat(generated).contains("| `" + option.key() + "` | ");
        }
        assertThat(generated)
                .contains("## High availability")
                .contains("| `high-availability.zookeeper.client.retry-wait` | Duration | `5 s` | ")
                .contains("| `high-availability.type` | Enum: none, zookeeper | `none` | ")
                .contains("| `high-availability.zookeeper.quorum` | String | (none) | ")
                .contains("Deprecated keys: `high-availability`.")
                .contains("`-D key=value`")
                .contains("## Value formats");
    }

    @Test
    void escapesPipesInCells() {
        ConfigOption<String> option = ConfigOption.key("a.b").stringType().description("Either a | b.");
        String md = new ConfigurationDocs(ConfigOptionRegistry.of(
                java.util.List.of(new ConfigOptionRegistry.Section("S", java.util.List.of(option))))).generate();
        assertThat(md).contains("| `a.b` | String | (none) | Either a \\| b. |");
    }
}
