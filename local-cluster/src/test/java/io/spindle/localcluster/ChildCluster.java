package io.spindle.localcluster;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link LocalClusterMain} {@code start} in a child JVM, as the script runs it, in a fresh
 * directory under {@code target/}, and the files it writes. Register it per test with
 * {@code @RegisterExtension}: after each test it kills the JVM it started and the JVM's
 * descendants if they still run. Not thread-safe; one test uses it.
 */
final class ChildCluster implements AfterEachCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir = Paths.get("target", "lc-" + Long.toString(System.nanoTime() % 1_000_000, 36))
            .toAbsolutePath();
    private Process process;

    /** The cluster's directory ({@code --dir}); it does not exist before {@link #startAndAwaitReady}. */
    Path dir() {
        return dir;
    }

    /**
     * Starts the cluster JVM with {@code --conf-template} and the given options, output to
     * {@code DIR.out}, and waits (at most 120 s) for {@code DIR/ready}.
     *
     * @return the cluster JVM
     * @throws AssertionError if the JVM exits or is not ready in time
     */
    Process startAndAwaitReady(String... options) throws IOException {
        process = start(options);
        awaitReady();
        return process;
    }

    /** SIGKILL to the JVM and its descendants, if it still runs. */
    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (process != null && process.isAlive()) {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private Process start(String... options) throws IOException {
        Files.createDirectories(dir.getParent());
        Path output = dir.resolveSibling(dir.getFileName() + ".out");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String confTemplate = Paths.get(System.getProperty("spindle.root", "..")).resolve("conf").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", testClasspath(),
                LocalClusterMain.class.getName(), "start", "--dir", dir.toString(), "--conf-template", confTemplate));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        // As local-cluster.sh does: containers inherit JAVA_HOME from the NodeManagers in this JVM.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder
                .directory(dir.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** Fails at once if the JVM exits. */
    private void awaitReady() {
        await("DIR/ready").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the cluster JVM exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolveSibling(dir.getFileName() + ".out")));
            }
            return Files.exists(dir.resolve("ready"));
        });
    }

    /** The site files of {@code DIR/hadoop-conf}. */
    static Configuration hadoopConf(Path confDir) {
        Configuration conf = new YarnConfiguration();
        for (String file : List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml")) {
            conf.addResource(new org.apache.hadoop.fs.Path(confDir.resolve(file).toUri()));
        }
        return conf;
    }

    /** The {@code key: value} lines of a flat YAML file. */
    static Map<String, String> readFlatYaml(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && line.contains(": "))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(": ")).strip(),
                        l -> l.substring(l.indexOf(": ") + 2).strip()));
    }

    private static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }
}
