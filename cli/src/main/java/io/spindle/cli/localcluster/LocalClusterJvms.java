package io.spindle.cli.localcluster;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the JVMs of a local cluster from a distribution: the cluster itself in the background, and
 * the short-lived control JVM of {@code io.spindle.localcluster.LocalClusterMain} that checks,
 * reports on and stops it ({@code prepare}, {@code status}, {@code stop}). Both run with
 * {@code lib/*} plus {@code lib/local-cluster/*}, so the mini-cluster jars stay off this CLI's
 * classpath; the control JVM's output goes straight to this process's standard output and error.
 *
 * <p>Files in the cluster's directory that this class uses: {@code local-cluster.pid} (written
 * here), {@code local-cluster.out} (the cluster JVM's output), {@code ready} (printed once it
 * appears), {@code failed} (the reason a start failed), {@code local-cluster.log}.
 *
 * <p>Not thread-safe; one command uses an instance.
 */
final class LocalClusterJvms {

    /** The main class of both JVMs, in {@code lib/local-cluster/}. */
    static final String MAIN_CLASS = "io.spindle.localcluster.LocalClusterMain";
    /** How long a start that timed out waits after SIGTERM before SIGKILL. */
    private static final Duration KILL_AFTER = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterJvms.class);

    private final Path home;
    private final String classpath;
    private final Map<String, String> env;

    private LocalClusterJvms(Path home, Path libDir, Map<String, String> env) {
        this.home = home;
        this.classpath = libDir.resolve("*") + File.pathSeparator + libDir.resolve("local-cluster").resolve("*");
        this.env = env;
    }

    /**
     * The distribution of this CLI ({@code spindle.home}; {@code SPINDLE_LIB_DIR} or its {@code lib/}).
     *
     * @throws IllegalStateException if this does not run from a distribution, or it has no local cluster
     */
    static LocalClusterJvms fromEnvironment() {
        String home = System.getProperty("spindle.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("spindle.home is not set: run bin/spindle of a built distribution");
        }
        Map<String, String> env = System.getenv();
        String lib = env.get("SPINDLE_LIB_DIR");
        Path libDir = lib == null || lib.isBlank() ? Path.of(home, "lib") : Path.of(lib);
        Path localCluster = libDir.resolve("local-cluster");
        if (!Files.isDirectory(localCluster)) {
            throw new IllegalStateException("no " + localCluster + ": this distribution has no local cluster.");
        }
        return new LocalClusterJvms(Path.of(home), libDir, env);
    }

    /**
     * Runs one command of the control JVM on {@code dir} and waits for it.
     *
     * @return its exit code: 0 success, 1 failure or not running, 2 usage error
     */
    int control(String command, Path dir, List<String> options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx128m",
                "-Dlog4j2.configurationFile=" + home.resolve("conf").resolve("log4j2-cli.xml"),
                "-cp", classpath, MAIN_CLASS, command, "--dir", dir.toString()));
        cmd.addAll(options);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    /**
     * Starts a cluster in {@code dir}: {@code prepare} (refuses with one line and exit 1 if a
     * cluster runs there, a port is taken or DIR is someone else's), then the cluster JVM in the
     * background, then a bounded wait for {@code DIR/ready}, whose text is printed to {@code out}.
     *
     * @param options the cluster's options ({@code --node-managers} and the like)
     * @return 0 when the cluster is ready, else the exit code of {@code prepare} or 1
     */
    int start(Path dir, List<String> options, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        Duration timeout = startTimeout();
        int prepared = control("prepare", dir, options);
        if (prepared != 0) {
            return prepared;
        }
        Process cluster = launch(dir, options);
        Files.writeString(dir.resolve("local-cluster.pid"), cluster.pid() + "\n", StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        Path ready = dir.resolve("ready");
        while (!Files.isRegularFile(ready)) {
            if (!cluster.isAlive()) {
                err.println("Error: " + exitedWhileStarting(dir));
                err.flush();
                return 1;
            }
            if (System.nanoTime() >= deadline) {
                stopAfterTimeout(cluster);
                err.println("Error: the local cluster was not ready within " + timeout.toSeconds()
                        + " s and was stopped; see " + dir.resolve("local-cluster.log"));
                err.flush();
                return 1;
            }
            cluster.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS); // wakes early if it exits
        }
        out.print(Files.readString(ready, StandardCharsets.UTF_8));
        out.flush();
        return 0;
    }

    /** The cluster JVM, detached from this one: no input, output to DIR/local-cluster.out, immune to SIGHUP. */
    private Process launch(Path dir, List<String> options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("nohup", java()));
        String jvmOptions = env.getOrDefault("SPINDLE_LOCAL_CLUSTER_JVM_OPTS", "-Xmx768m");
        Arrays.stream(jvmOptions.strip().split("\\s+")).filter(o -> !o.isEmpty()).forEach(cmd::add);
        cmd.addAll(List.of("-Djava.io.tmpdir=" + dir.resolve("tmp"), "-Dspindle.home=" + home,
                "-cp", classpath, MAIN_CLASS, "start", "--dir", dir.toString(),
                "--conf-template", home.resolve("conf").toString()));
        cmd.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("local-cluster.out").toFile());
        // The cluster reads no Hadoop configuration of the caller's; containers get the one it writes.
        pb.environment().remove("YARN_CONF_DIR");
        pb.environment().put("HADOOP_CONF_DIR", dir.resolve("hadoop-conf").toString());
        // Containers inherit JAVA_HOME from the NodeManagers, which run in the cluster JVM.
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    private static String exitedWhileStarting(Path dir) throws IOException {
        Path failed = dir.resolve("failed");
        if (Files.isRegularFile(failed) && Files.size(failed) > 0) {
            String reason = Files.readAllLines(failed, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            return reason + " (log: " + dir.resolve("local-cluster.log") + ")";
        }
        return "the local cluster exited while starting; see " + dir.resolve("local-cluster.out");
    }

    private static void stopAfterTimeout(Process cluster) throws InterruptedException {
        cluster.destroy();
        if (!cluster.waitFor(KILL_AFTER.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("The local cluster (pid {}) did not stop within {} s of SIGTERM; sending SIGKILL",
                    cluster.pid(), KILL_AFTER.toSeconds());
            cluster.destroyForcibly();
        }
    }

    private Duration startTimeout() {
        String value = env.getOrDefault("SPINDLE_LOCAL_CLUSTER_START_TIMEOUT", "120").strip();
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 1) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SPINDLE_LOCAL_CLUSTER_START_TIMEOUT must be a positive number of seconds: '"
                    + value + "'", e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
