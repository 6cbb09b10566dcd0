package io.spindle.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built distribution tarball, unpacked into a test's directory, with its own configuration,
 * pid and log directories ({@code SPINDLE_CONF_DIR}, {@code SPINDLE_PID_DIR},
 * {@code SPINDLE_LOG_DIR}), for running {@code bin/} scripts with bash and finding the daemons they
 * started.
 *
 * <p>The tarball is {@code spindle.dist.tarball} (set by failsafe), else the
 * {@code spindle-*-bin.tar.gz} in {@code target/}. {@link #close()} kills every daemon this
 * instance's scripts started: those in its pid files and any process whose command line names its
 * configuration directory. Not thread-safe.
 */
public final class DistributionUnderTest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DistributionUnderTest.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final Path confDir;
    private final Path pidDir;
    private final Path logDir;
    private final Path outputDir;
    private final Map<String, String> environment = new HashMap<>();
    private int runs;

    private DistributionUnderTest(Path home, Path workDir) throws IOException {
        this.home = home;
        this.confDir = Files.createDirectories(workDir.resolve("conf"));
        this.pidDir = Files.createDirectories(workDir.resolve("pids"));
        this.logDir = workDir.resolve("log");
        this.outputDir = Files.createDirectories(workDir.resolve("script-output"));
        try (Stream<Path> files = Files.list(home.resolve("conf"))) {
            for (Path file : files.toList()) {
                Files.copy(file, confDir.resolve(file.getFileName()));
            }
        }
        environment.put("SPINDLE_CONF_DIR", confDir.toString());
        environment.put("SPINDLE_PID_DIR", pidDir.toString());
        environment.put("SPINDLE_LOG_DIR", logDir.toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("SPINDLE_STOP_TIMEOUT", "20");
    }

    /** Unpacks the tarball into {@code workDir/dist} and prepares {@code workDir/conf}, {@code pids}, {@code log}. */
    public static DistributionUnderTest unpack(Path workDir) throws IOException, InterruptedException {
        Path tarball = tarball();
        Path target = Files.createDirectories(workDir.resolve("dist"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", target.toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("tar.out").toFile()).start();
        if (!tar.waitFor(60, TimeUnit.SECONDS)) {
            tar.destroyForcibly();
            throw new IllegalStateException("tar did not finish within 60 s: " + tarball);
        }
        if (tar.exitValue() != 0) {
            throw new IllegalStateException("tar failed on " + tarball + ": " + Files.readString(workDir.resolve("tar.out")));
        }
        try (Stream<Path> dirs = Files.list(target)) {
            Path home = dirs.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IllegalStateException(tarball + " holds no directory"));
            return new DistributionUnderTest(home, workDir);
        }
    }

    private static Path tarball() throws IOException {
        String configured = System.getProperty("spindle.dist.tarball");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), "spindle-*-bin.tar.gz")) {
            for (Path path : found) {
                return path.toAbsolutePath();
            }
        }
        throw new IllegalStateException("no distribution tarball (spindle.dist.tarball=" + configured
                + ", none in target/): run mvn package in dist first");
    }

    /** The unpacked distribution (holds bin/, conf/, lib/). */
    public Path home() {
        return home;
    }

    /** The configuration directory the scripts use (a copy of the distribution's conf/). */
    public Path confDir() {
        return confDir;
    }

    /** Where the scripts keep pid files. */
    public Path pidDir() {
        return pidDir;
    }

    /** Where daemons write logs (created by the scripts on demand). */
    public Path logDir() {
        return logDir;
    }

    /** Sets an environment variable for later script runs. */
    public DistributionUnderTest env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Writes {@code content} to {@code name} in the configuration directory. */
    public Path writeConf(String name, String content) throws IOException {
        return Files.writeString(confDir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /**
     * Writes a new random cluster secret to {@code cluster-secret} in the configuration directory
     * ({@code 0600}), as {@code start-cluster.sh} does, for tests that start daemons on their own.
     */
    public Path writeClusterSecret() throws IOException {
        Path file = confDir.resolve("cluster-secret");
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return Files.writeString(file, java.util.Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.UTF_8);
    }

    /** Runs {@code bin/script} with bash and waits for it, at most 90 s. */
    public ScriptResult run(String script, String... args) throws IOException, InterruptedException {
        return run(DEFAULT_TIMEOUT, script, args);
    }

    /**
     * Runs {@code bin/script} with bash, its output captured in files (so daemons it leaves behind
     * hold no pipe), and waits at most {@code timeout}.
     *
     * @throws IllegalStateException if the script does not end in time (it is killed)
     */
    public ScriptResult run(Duration timeout, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin").resolve(script).toString()));
        command.addAll(List.of(args));
        int n = ++runs;
        Path out = outputDir.resolve(n + "-" + script + ".out");
        Path err = outputDir.resolve(n + "-" + script + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        LOG.info("Running {}", command);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not end within " + timeout + "; output so far: "
                    + Files.readString(out) + Files.readString(err));
        }
        ScriptResult result = new ScriptResult(process.exitValue(), Files.readString(out), Files.readString(err));
        LOG.info("{} ended: {}", script, result.describe());
        return result;
    }

    /** The pid file of {@code daemon} (standalonesession, taskexecutor, zookeeper), if there is one. */
    public Optional<Path> pidFile(String daemon) throws IOException {
        try (Stream<Path> files = Files.list(pidDir)) {
            return files.filter(p -> p.getFileName().toString().matches("spindle-.*-" + daemon + "\\.pid")).findFirst();
        }
    }

    /** The pids recorded for {@code daemon}, oldest first. */
    public List<Long> pids(String daemon) throws IOException {
        Optional<Path> file = pidFile(daemon);
        if (file.isEmpty()) {
            return List.of();
        }
        return Files.readAllLines(file.get()).stream().map(String::strip).filter(s -> s.matches("[0-9]+"))
                .map(Long::valueOf).toList();
    }

    /** Whether {@code pid} is a live process; an exited one that its parent has not reaped (zombie) is not. */
    public static boolean isAlive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return !afterName.startsWith("Z") && !afterName.startsWith("X");
        } catch (IOException e) {
            // No /proc (not Linux) or the process just went: trust ProcessHandle.
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** The live processes started from this distribution's configuration: by pid file or command line. */
    public List<ProcessHandle> daemonProcesses() {
        List<ProcessHandle> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(pidDir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.strip().matches("[0-9]+")) {
                        ProcessHandle.of(Long.parseLong(line.strip())).filter(p -> isAlive(p.pid()))
                                .filter(this::isOurs).ifPresent(result::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessHandle.allProcesses().filter(p -> isAlive(p.pid())).filter(this::isOurs).filter(p -> !result.contains(p)).forEach(result::add);
        return result;
    }

    private boolean isOurs(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains(confDir.toString())).orElse(false);
    }

    /** Kills every daemon of this distribution (SIGKILL) and waits up to 20 s for them to go. */
    public void killDaemons() {
        List<ProcessHandle> processes = daemonProcesses();
        for (ProcessHandle process : processes) {
            LOG.warn("Killing leftover daemon {}: {}", process.pid(), process.info().commandLine().orElse("?"));
            process.destroyForcibly();
        }
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.error("Daemon {} did not end after SIGKILL", process.pid(), e);
            }
        }
    }

    /**
     * Kills (SIGKILL) what a test left of the local cluster in {@code clusterDir}: the process its
     * {@code local-cluster.pid} names and that process's descendants. Nothing if there is no pid file.
     */
    public static void killLocalCluster(Path clusterDir) throws IOException {
        Path pidFile = clusterDir.resolve("local-cluster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(process -> {
            LOG.warn("Killing the leftover local cluster {} of {}", process.pid(), clusterDir);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    /** Log and output files of the daemons, newest name last. */
    public List<Path> logFiles() throws IOException {
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logDir)) {
            return files.sorted().toList();
        }
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Kills leftover daemons. */
    @Override
    public void close() {
        killDaemons();
    }
}
