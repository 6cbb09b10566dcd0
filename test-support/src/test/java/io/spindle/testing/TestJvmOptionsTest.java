package io.spindle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class TestJvmOptionsTest {

    @Test
    void theBuildPassesTheOptionsOfItsOwnTestJvmsToTheJvmsTestsStart() {
        assertThat(TestJvmOptions.all()).as("the pom's spindle.test.jvm.options, as a system property").isNotEmpty();
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).as("this test JVM's options")
                .containsAll(TestJvmOptions.all());
        assertThat(TestJvmOptions.commaSeparated().split(",")).containsExactlyElementsOf(TestJvmOptions.all());
    }
}
