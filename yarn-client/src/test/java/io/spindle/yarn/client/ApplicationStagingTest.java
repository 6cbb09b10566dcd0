package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the containers' jars come from; the uploads themselves are covered by {@link YarnClusterDeployerTest}. */
class ApplicationStagingTest {

    private static final org.apache.hadoop.conf.Configuration HADOOP = new org.apache.hadoop.conf.Configuration(false);

    @Test
    void libIsUploadedWhenNeitherProvidedLibDirsNorANodeClasspathIsSet() {
        Path lib = Path.of("/opt/spindle/lib");
        ApplicationStaging staging = ApplicationStaging.plan(HADOOP, Configuration.empty(), Optional.empty(),
                Optional.of(lib), Optional.empty());
        assertThat(staging.libToUpload()).contains(lib);
        assertThat(staging.nodeClasspath()).isEmpty();
    }

    @Test
    void providedLibDirsOrANodeClasspathReplaceTheUpload() {
        Path lib = Path.of("/opt/spindle/lib");
        ApplicationStaging provided = ApplicationStaging.plan(HADOOP,
                Configuration.fromMap(Map.of("yarn.provided.lib.dirs", "hdfs:///spindle/lib")), Optional.empty(),
                Optional.of(lib), Optional.empty());
        assertThat(provided.libToUpload()).isEmpty();
        ApplicationStaging nodeClasspath = ApplicationStaging.plan(HADOOP,
                Configuration.fromMap(Map.of("yarn.container.node-classpath", "/opt/a.jar,/opt/b/*")), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(nodeClasspath.libToUpload()).isEmpty();
        assertThat(nodeClasspath.nodeClasspath()).containsExactly("/opt/a.jar", "/opt/b/*");
    }

    @Test
    void noLibDirAndNothingProvidedNamesBothKeys() {
        assertThatThrownBy(() -> ApplicationStaging.plan(HADOOP, Configuration.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("yarn.provided.lib.dirs")
                .hasMessageContaining("yarn.container.node-classpath");
    }

    @Test
    void blankProvidedLibDirEntriesAreIgnored() {
        ApplicationStaging staging = ApplicationStaging.plan(HADOOP,
                Configuration.fromMap(Map.of("yarn.provided.lib.dirs", " , ")), Optional.empty(),
                Optional.of(Path.of("/lib")), Optional.empty());
        assertThat(staging.libToUpload()).as("nothing was really provided").contains(Path.of("/lib"));
    }
}
