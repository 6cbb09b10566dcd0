package io.spindle.yarn.client;

import io.spindle.testing.JavaContainerLaunch;
import java.io.File;
import java.nio.file.Path;

/** The value of {@code yarn.container.node-classpath} that runs containers on the test JVM's classpath. */
public final class TestNodeClasspath {

    private TestNodeClasspath() {}

    /** {@code hadoopConfDir} first (the containers read the mini cluster's configuration), then the test classpath; comma-separated. */
    public static String of(Path hadoopConfDir) {
        return String.join(",", (hadoopConfDir + File.pathSeparator + JavaContainerLaunch.testClasspath())
                .split(File.pathSeparator));
    }
}
