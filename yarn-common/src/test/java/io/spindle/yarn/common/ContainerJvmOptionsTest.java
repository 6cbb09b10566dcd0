package io.spindle.yarn.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.YarnOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerJvmOptionsTest {

    private static final List<String> RESOURCES = List.of("lib/b.jar", "conf/config.yaml", "lib/a.jar",
            "lib/local-cluster/x.jar", "lib/notes.txt", ContainerJvmOptions.CDS_ARCHIVE, "usrlib/job.jar");

    @Test
    void sharingIsOnByDefaultAndTheExtraOptionsAreTheConfiguredOnes() {
        assertThat(ContainerJvmOptions.defaults()).isEqualTo(new ContainerJvmOptions(true, List.of()));
        Configuration conf = Configuration.fromMap(Map.of(YarnOptions.CONTAINER_CDS_ENABLED.key(), "false",
                YarnOptions.CONTAINER_JVM_OPTIONS.key(), "-XX:+UseSerialGC, ,-Xss512k"));
        assertThat(ContainerJvmOptions.from(conf))
                .isEqualTo(new ContainerJvmOptions(false, List.of("-XX:+UseSerialGC", "-Xss512k")));
    }

    @Test
    void theSharedClasspathIsTheTopLevelLibJarsInNameOrder() {
        ContainerJvmOptions options = new ContainerJvmOptions(true, List.of());
        assertThat(options.sharedClasspath(RESOURCES)).containsExactly("lib/a.jar", "lib/b.jar");
        assertThat(options.commandPrefix(RESOURCES)).contains("@" + ContainerJvmOptions.CDS_JAR_TIME).endsWith("exec");
        assertThat(options.jvmOptions(RESOURCES)).contains("-XX:SharedArchiveFile=lib/spindle-containers.jsa", "-Xshare:auto");
    }

    @Test
    void withoutTheArchiveNothingChangesButTheExtraOptions() {
        ContainerJvmOptions options = new ContainerJvmOptions(true, List.of("-Xss512k"));
        List<String> noArchive = RESOURCES.stream().filter(r -> !r.endsWith(".jsa")).toList();
        assertThat(options.sharesClasses(noArchive)).isFalse();
        assertThat(options.sharedClasspath(noArchive)).isEmpty();
        assertThat(options.commandPrefix(noArchive)).isEmpty();
        assertThat(options.jvmOptions(noArchive)).containsExactly("-Xss512k");
        assertThat(new ContainerJvmOptions(false, List.of()).sharesClasses(RESOURCES)).isFalse();
    }
}
