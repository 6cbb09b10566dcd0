package io.spindle.testing;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM options of the build's test JVMs (the parent pom's {@code spindle.test.jvm.options}, which
 * surefire and failsafe also pass as a system property), for the JVMs that tests start themselves:
 * JobManager and TaskExecutor processes, YARN containers. One knob for every test JVM; outside
 * Maven (no property) there are none. Stateless and thread-safe.
 */
public final class TestJvmOptions {

    /** The system property that carries the options, blank-separated. */
    public static final String PROPERTY = "spindle.test.jvm.options";

    private TestJvmOptions() {}

    /** @return the options, in order; empty when the property is unset or blank */
    public static List<String> all() {
        return Arrays.stream(System.getProperty(PROPERTY, "").strip().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
    }

    /** @return {@link #all} as the value of a comma-separated list option such as {@code yarn.container.jvm-options} */
    public static String commaSeparated() {
        return String.join(",", all());
    }
}
