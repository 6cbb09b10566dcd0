package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YarnPropertiesFileTest {

    @TempDir
    Path tmp;

    @Test
    void locationFromConfigurationElseTemporaryDirectory() {
        YarnPropertiesFile configured = YarnPropertiesFile.forConfiguration(
                Configuration.fromMap(Map.of("yarn.properties-file.location", tmp.toString())), "alice");
        assertThat(configured.path()).isEqualTo(tmp.resolve(".yarn-properties-alice"));
        YarnPropertiesFile fallback = YarnPropertiesFile.forConfiguration(Configuration.empty(), "bob");
        assertThat(fallback.path()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), ".yarn-properties-bob"));
    }

    @Test
    void writtenReadBackAndRemovedOnlyForItsApplication() throws Exception {
        YarnPropertiesFile file = new YarnPropertiesFile(tmp.resolve("sub").resolve(".yarn-properties-alice"));
        assertThat(file.read()).isEmpty();

        ApplicationId appId = ApplicationId.newInstance(1_700_000_000_000L, 7);
        Map<String, String> dynamic = new LinkedHashMap<>();
        dynamic.put("yarn.tags", "a,b");
        dynamic.put("odd=key", "value with = and : and \\");
        file.write(appId, dynamic);

        YarnPropertiesFile.Content content = file.read().orElseThrow();
        assertThat(content.applicationId()).isEqualTo("application_1700000000000_0007");
        assertThat(content.parsedApplicationId()).isEqualTo(appId);
        assertThat(content.dynamicProperties()).isEqualTo(dynamic);
        assertThat(Files.getPosixFilePermissions(file.path())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(file.path().getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(file.path());
        }

        assertThat(file.deleteIfFor(ApplicationId.newInstance(1_700_000_000_000L, 8))).isFalse();
        assertThat(file.path()).exists();
        assertThat(file.deleteIfFor(appId)).isTrue();
        assertThat(file.path()).doesNotExist();
        assertThat(file.delete()).isFalse();
    }
}
