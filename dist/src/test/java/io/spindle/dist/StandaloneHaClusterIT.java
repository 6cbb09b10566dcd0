package io.spindle.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-JobManager walkthrough of the ZooKeeper HA reference, end to end from the tarball: the
 * bundled ZooKeeper, two JobManagers and two TaskExecutors on this host, a checkpointed counting
 * job, {@code kill -9} of the leading JobManager, the standby taking over and finishing the job
 * exactly-once, then both stop scripts leaving no process and no pid file behind.
 */
class StandaloneHaClusterIT {

    private static final String JOB_CLASS = "io.spindle.examples.counting.CountingJob";
    private static final String OUTPUT_CHECKER = "io.spindle.examples.counting.CountingOutput";
    private static final int PARALLELISM = 4;
    private static final int COUNT = 3000;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Pattern JOB_ID = Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");
    private static final int LOG_TAIL_LINES = 150;

    @TempDir
    Path workDir;

    private DistributionUnderTest dist;
    private int zooKeeperPort;
    private int[] masterPorts;
    private Path output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        dist = DistributionUnderTest.unpack(workDir);
        zooKeeperPort = DistributionUnderTest.freePort();
        masterPorts = new int[] {DistributionUnderTest.freePort(), DistributionUnderTest.freePort()};
        output = workDir.resolve("out");
        Path tmp = Files.createDirectories(workDir.resolve("tmp"));

        dist.writeConf("masters", "localhost:" + masterPorts[0] + "\nlocalhost:" + masterPorts[1] + "\n");
        dist.writeConf("workers", "localhost\nlocalhost\n");
        dist.writeConf("zoo.cfg", "tickTime=2000\ninitLimit=10\nsyncLimit=5\n"
                + "dataDir=" + workDir.resolve("zookeeper") + "\n"
                + "clientPort=" + zooKeeperPort + "\n"
                + "server.0=localhost:" + DistributionUnderTest.freePort() + ":" + DistributionUnderTest.freePort() + "\n");
        dist.writeConf("config.yaml", "high-availability.type: zookeeper\n"
                + "high-availability.zookeeper.quorum: localhost:" + zooKeeperPort + "\n"
                + "high-availability.zookeeper.path.root: /spindle\n"
                + "high-availability.cluster-id: /cluster_one\n"
                + "high-availability.storageDir: " + workDir.resolve("ha").toUri() + "\n"
                + "high-availability.zookeeper.client.session-timeout: 5 s\n"
                + "jobmanager.rpc.address: 127.0.0.1\n"
                + "taskmanager.host: 127.0.0.1\n"
                + "taskmanager.numberOfTaskSlots: 2\n"
                + "execution.checkpointing.interval: 500 ms\n"
                + "heartbeat.interval: 500 ms\n"
                + "heartbeat.timeout: 5 s\n");
        // Small heaps for five JVMs on one machine; the daemons' temp folders (uploads, work dirs) in workDir.
        dist.env("SPINDLE_JM_JVM_OPTS", "-Xmx256m").env("SPINDLE_TM_JVM_OPTS", "-Xmx256m")
                .env("SPINDLE_JVM_OPTS", "-Djava.io.tmpdir=" + tmp)
                .env("SPINDLE_CLI_JVM_OPTS", "-Xmx256m -Djava.io.tmpdir=" + tmp);
    }

    @AfterEach
    void killLeftovers() throws Exception {
        dist.close();
        // Anything else started from this test's folder (a CLI the test gave up on, say).
        for (long pid : processesNaming(workDir.toString())) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void standbyJobManagerFinishesTheJobExactlyOnceAfterTheLeaderIsKilled() throws Throwable {
        try {
            runScenario();
        } catch (Throwable failure) {
            AssertionError withLogs = new AssertionError(failure.getMessage() + "\n\n" + daemonLogs(), failure);
            throw withLogs;
        }
    }

    private void runScenario() throws Exception {
        ScriptResult zooKeeper = dist.run("start-zookeeper-quorum.sh");
        assertThat(zooKeeper.exitCode()).as(zooKeeper.describe()).isZero();
        assertThat(zooKeeper.stdout()).isEqualTo("Starting zookeeper daemon on host localhost.\n");

        ScriptResult start = dist.run("start-cluster.sh");
        assertThat(start.exitCode()).as(start.describe()).isZero();
        // Exactly the reference's lines, nothing else.
        assertThat(start.stdout().lines())
                .as(start.describe())
                .containsExactly(
                        "Starting HA cluster with 2 masters and 1 peers in ZooKeeper quorum.",
                        "Starting standalonesession daemon on host localhost.",
                        "Starting standalonesession daemon on host localhost.",
                        "Starting taskexecutor daemon on host localhost.",
                        "Starting taskexecutor daemon on host localhost.");
        assertThat(dist.pids("standalonesession")).hasSize(2);
        assertThat(dist.pids("taskexecutor")).hasSize(2);
        List<Long> allPids = new ArrayList<>(dist.pids("zookeeper"));
        allPids.addAll(dist.pids("standalonesession"));
        allPids.addAll(dist.pids("taskexecutor"));

        int leaderPort = awaitLeader(masterPorts[0], masterPorts[1], Duration.ofSeconds(60));
        int standbyPort = leaderPort == masterPorts[0] ? masterPorts[1] : masterPorts[0];

        Path examplesJar = dist.home().resolve("examples/spindle-examples.jar");
        ScriptResult run = dist.run("spindle", "run", "-t", "standalone", "-d", "-p", Integer.toString(PARALLELISM),
                "-c", JOB_CLASS, examplesJar.toString(),
                "--output", output.toUri().toString(), "--count", Integer.toString(COUNT), "--step-delay-ms", "3");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        Matcher submitted = JOB_ID.matcher(run.stdout());
        assertThat(submitted.find()).as(run.describe()).isTrue();
        String jobId = submitted.group(1);

        // At least 3 completed checkpoints on the leader, the job still running.
        AtomicReference<JsonNode> detail = new AtomicReference<>();
        await("3 completed checkpoints of job " + jobId + " on the leader at port " + leaderPort)
                .atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                .until(() -> {
                    Optional<JsonNode> job = get(leaderPort, "/v1/jobs/" + jobId);
                    job.ifPresent(detail::set);
                    job.ifPresent(StandaloneHaClusterIT::failIfEnded);
                    return job.map(StandaloneHaClusterIT::completedCheckpoints).orElse(0) >= 3;
                });
        assertThat(detail.get().path("status").path("state").asText()).as(detail.get().toString()).isEqualTo("RUNNING");

        // kill -9 the leading JobManager: the one started with --webui-port <leader's port>.
        long leaderPid = jobManagerPid(leaderPort);
        long standbyPid = jobManagerPid(standbyPort);
        ProcessHandle.of(leaderPid).orElseThrow().destroyForcibly();
        await("the killed JobManager " + leaderPid + " to be gone").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .until(() -> !DistributionUnderTest.isAlive(leaderPid));

        // The standby takes over (after the leader's ZooKeeper session expires) and finishes the job.
        await("the JobManager at port " + standbyPort + " to lead with 2 TaskExecutors")
                .atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                .until(() -> get(standbyPort, "/v1/overview")
                        .filter(o -> o.path("leader").asBoolean() && o.path("taskExecutors").asInt() == 2).isPresent());
        // The standby adopts the tasks still running (taskmanager.previous-leader.recovery-timeout, default 60 s).
        AtomicReference<JsonNode> restored = new AtomicReference<>();
        await("job " + jobId + " to finish on the new leader at port " + standbyPort)
                .atMost(Duration.ofSeconds(90)).pollInterval(POLL)
                .until(() -> {
                    get(standbyPort, "/v1/jobs/" + jobId).ifPresent(d -> {
                        if (restored.get() == null && hasCheckpoint(d, "ADOPTED")) {
                            restored.set(d);
                        }
                    });
                    Optional<JsonNode> job = get(standbyPort, "/v1/jobs").flatMap(jobs -> find(jobs, jobId));
                    job.filter(j -> !j.path("state").asText().equals("FINISHED")).ifPresent(StandaloneHaClusterIT::failIfEnded);
                    return job.filter(j -> j.path("state").asText().equals("FINISHED")).isPresent();
                });
        // Adopted at the newest checkpoint the old leader had completed (or a later one), not restarted.
        assertThat(restored.get()).as("an ADOPTED checkpoint in the new leader's view of job " + jobId).isNotNull();
        assertThat(restored.get().path("deploymentId").asText()).as(restored.get().toString())
                .isEqualTo(detail.get().path("deploymentId").asText());
        assertThat(checkpointIds(restored.get(), "RESTORED")).as("no task restarted: " + restored.get()).isEmpty();
        long lastSeenOnOldLeader = checkpointIds(detail.get(), "COMPLETED").stream().mapToLong(Long::longValue).max()
                .orElseThrow();
        assertThat(checkpointIds(restored.get(), "ADOPTED")).as(restored.get().toString()).singleElement()
                .satisfies(id -> assertThat(id).isGreaterThanOrEqualTo(lastSeenOnOldLeader));

        ProcessResult verify = verifyOutput();
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).startsWith("exactly-once: " + (PARALLELISM * COUNT) + " of " + (PARALLELISM * COUNT) + " records");

        ScriptResult list = dist.run("spindle", "list", "-t", "standalone");
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.stdout()).as(list.describe()).contains("JOB ID").containsPattern(jobId + "\\s+FINISHED\\s+CountingJob");

        ScriptResult stop = dist.run("stop-cluster.sh");
        assertThat(stop.exitCode()).as(stop.describe()).isZero();
        assertThat(stop.stdout().lines()).as(stop.describe())
                .anyMatch(line -> line.startsWith("[INFO] standalonesession daemon (pid " + leaderPid
                        + ") is not running anymore on host localhost; removed from " + dist.pidDir()))
                .contains("Stopping standalonesession daemon (pid " + standbyPid + ") on host localhost.")
                .filteredOn(line -> line.startsWith("Stopping taskexecutor daemon (pid ")).hasSize(2);

        ScriptResult stopZooKeeper = dist.run("stop-zookeeper-quorum.sh");
        assertThat(stopZooKeeper.exitCode()).as(stopZooKeeper.describe()).isZero();
        assertThat(stopZooKeeper.stdout()).startsWith("Stopping zookeeper daemon (pid ");

        await("every daemon " + allPids + " to end").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .until(() -> allPids.stream().noneMatch(DistributionUnderTest::isAlive));
        assertThat(dist.daemonProcesses()).extracting(ProcessHandle::pid).isEmpty();
        assertThat(processesNaming(workDir.toString())).as("processes naming " + workDir).isEmpty();
        try (Stream<Path> files = Files.list(dist.pidDir())) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".pid"))).as("pid files").isEmpty();
        }
    }

    /** Waits until exactly one of the two JobManagers leads with 2 TaskExecutors; returns its port. */
    private int awaitLeader(int first, int second, Duration timeout) {
        AtomicInteger leader = new AtomicInteger();
        await("a leader with 2 TaskExecutors among the JobManagers at ports " + first + " and " + second)
                .atMost(timeout).pollInterval(POLL)
                .until(() -> {
                    Optional<JsonNode> a = get(first, "/v1/overview");
                    Optional<JsonNode> b = get(second, "/v1/overview");
                    if (a.isEmpty() || b.isEmpty()) {
                        return false;
                    }
                    boolean aLeads = a.get().path("leader").asBoolean();
                    boolean bLeads = b.get().path("leader").asBoolean();
                    if (aLeads == bLeads) {
                        return false;
                    }
                    JsonNode overview = aLeads ? a.get() : b.get();
                    leader.set(aLeads ? first : second);
                    return overview.path("taskExecutors").asInt() == 2;
                });
        return leader.get();
    }

    /** The pid of the live JobManager started with {@code --webui-port port}. */
    private long jobManagerPid(int port) throws IOException {
        List<Long> matching = dist.pids("standalonesession").stream()
                .filter(DistributionUnderTest::isAlive)
                .filter(pid -> commandLine(pid).matches(".*--webui-port " + port + "(\\s.*)?"))
                .toList();
        assertThat(matching).as("JobManagers in pid file with --webui-port " + port + ": "
                + dist.pids("standalonesession")).hasSize(1);
        return matching.get(0);
    }

    private static String commandLine(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("");
    }

    /** GET http://localhost:port/path; empty when not reachable or not 200 (a JobManager starting or gone). */
    private Optional<JsonNode> get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(json.readTree(response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Optional<JsonNode> find(JsonNode jobs, String jobId) {
        for (JsonNode job : jobs) {
            if (jobId.equals(job.path("jobId").asText())) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    /** Fails at once when a job (JobStatus, or JobDetail with "status") ended other than FINISHED. */
    private static void failIfEnded(JsonNode jobOrDetail) {
        JsonNode status = jobOrDetail.has("status") && jobOrDetail.get("status").isObject()
                ? jobOrDetail.get("status") : jobOrDetail;
        String state = status.path("state").asText();
        if (state.equals("FAILED") || state.equals("CANCELED")) {
            throw new AssertionError("the job ended " + state + ": " + jobOrDetail);
        }
    }

    private static int completedCheckpoints(JsonNode detail) {
        return checkpointIds(detail, "COMPLETED").size();
    }

    private static boolean hasCheckpoint(JsonNode detail, String status) {
        return !checkpointIds(detail, status).isEmpty();
    }

    private static List<Long> checkpointIds(JsonNode detail, String status) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode checkpoint : detail.path("checkpoints")) {
            if (status.equals(checkpoint.path("status").asText())) {
                ids.add(checkpoint.path("id").asLong());
            }
        }
        return ids;
    }

    private record ProcessResult(int exitCode, String output) {}

    /** Runs CountingOutput's main with the distribution's jars (lib/ and the examples jar). */
    private ProcessResult verifyOutput() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = dist.home().resolve("lib") + "/*:" + dist.home().resolve("examples/spindle-examples.jar");
        Path log = workDir.resolve("script-output/verify-output.out");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-Djava.io.tmpdir=" + workDir.resolve("tmp"),
                "-cp", classpath, OUTPUT_CHECKER, output.toUri().toString(), Integer.toString(PARALLELISM),
                Integer.toString(COUNT))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(OUTPUT_CHECKER + " did not end within 60 s: " + Files.readString(log));
        }
        return new ProcessResult(process.exitValue(), Files.readString(log));
    }

    /** Pids of live processes whose command line (as ps shows it) contains {@code text}. */
    private static List<Long> processesNaming(String text) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("ps", "-ww", "-eo", "pid=,args=").redirectErrorStream(true).start();
        String listing = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ps.waitFor(10, TimeUnit.SECONDS)) {
            ps.destroyForcibly();
            throw new IllegalStateException("ps did not end within 10 s");
        }
        List<Long> pids = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String stripped = line.strip();
            int space = stripped.indexOf(' ');
            if (space > 0 && stripped.substring(space).contains(text)) {
                long pid = Long.parseLong(stripped.substring(0, space));
                if (DistributionUnderTest.isAlive(pid)) {
                    pids.add(pid);
                }
            }
        }
        return pids;
    }

    /** The tail of every daemon log and output file, and of every script's output, for failure messages. */
    private String daemonLogs() {
        StringBuilder sb = new StringBuilder("=== daemon logs in ").append(dist.logDir()).append(" ===\n");
        try {
            List<Path> files = new ArrayList<>(dist.logFiles());
            Path scripts = workDir.resolve("script-output");
            if (Files.isDirectory(scripts)) {
                try (Stream<Path> outputs = Files.list(scripts)) {
                    outputs.sorted().forEach(files::add);
                }
            }
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
                sb.append("--- ").append(file).append(" (last ").append(tail.size()).append(" of ")
                        .append(lines.size()).append(" lines)\n");
                tail.forEach(line -> sb.append(line).append('\n'));
            }
        } catch (IOException | RuntimeException e) {
            sb.append("(cannot read the logs: ").append(e).append(")\n");
        }
        return sb.toString();
    }
}
