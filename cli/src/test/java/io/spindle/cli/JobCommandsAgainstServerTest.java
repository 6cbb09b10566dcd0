package io.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.jobmanager.JobSubmission;
import io.spindle.runtime.jobmanager.JobSubmissionException;
import io.spindle.runtime.rest.RestServer;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecretFile;
import io.spindle.testing.TestClusterSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spindle run/list/cancel} against a real, authenticated {@link RestServer} over a fake
 * JobManager, found with {@code -m}; the CLI takes the credential from the conf dir's
 * {@code cluster-secret}, as the owner's CLI of a standalone cluster does.
 */
class JobCommandsAgainstServerTest {

    @TempDir
    Path tmp;

    private final FakeGateway gateway = new FakeGateway();
    private RestServer server;
    private Path jar;

    @BeforeEach
    void start() throws Exception {
        Path confDir = Files.createDirectories(tmp.resolve("conf"));
        Path secretFile = TestClusterSecrets.write(confDir.resolve(ClusterSecretFile.DEFAULT_FILE_NAME));
        server = new RestServer(gateway, "127.0.0.1", 0, tmp.resolve("uploads"),
                ClusterAuthentication.withSecret(ClusterSecretFile.read(secretFile), false)).start();
        jar = TestJobJars.jar(tmp, "job.jar", Map.of("Main-Class", "com.example.Main", "Spindle-Job-Class", "com.example.WordCount"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun spindle(String command, String... args) throws Exception {
        Path confDir = Files.createDirectories(tmp.resolve("conf"));
        List<String> all = new ArrayList<>(List.of(command, "--conf-dir", confDir.toString(), "-m", "127.0.0.1:" + server.port()));
        all.addAll(List.of(args));
        return CliRun.spindle(all.toArray(String[]::new));
    }

    @Test
    void runDetachedSubmitsWithTheManifestJobClassAndPassesEveryArgument() throws Exception {
        CliRun r = spindle("run", "-d", "-p", "4", "--name", "counting", jar.toString(), "--input", "-p", "x y");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(gateway.submissions).singleElement().satisfies(s -> {
            assertThat(s.entryClass()).isEqualTo("com.example.WordCount");
            assertThat(s.parallelism()).isEqualTo(4);
            assertThat(s.arguments()).containsExactly("--input", "-p", "x y");
            assertThat(s.name()).isEqualTo("counting");
        });
        String jobId = gateway.jobs().get(0).jobId();
        assertThat(r.outLines()).containsExactly("Job has been submitted with JobID " + jobId);
    }

    @Test
    void dashCOverridesTheManifestAndMainClassIsTheFallback() throws Exception {
        Path mainOnly = TestJobJars.jar(tmp, "main-only.jar", Map.of("Main-Class", "com.example.Main"));
        assertThat(spindle("run", "-d", mainOnly.toString()).exitCode()).isZero();
        assertThat(spindle("run", "-d", "-c", "com.example.Other", jar.toString()).exitCode()).isZero();
        assertThat(gateway.submissions).extracting(JobSubmission::entryClass)
                .containsExactly("com.example.Main", "com.example.Other");
        assertThat(gateway.submissions).extracting(JobSubmission::parallelism).containsExactly(1, 1);
    }

    @Test
    void runWaitsForTheJobAndPrintsEachStateChange() throws Exception {
        gateway.scriptStates(JobState.CREATED, JobState.RUNNING, JobState.RUNNING, JobState.RESTARTING, JobState.RUNNING,
                JobState.FINISHED);

        CliRun r = spindle("run", "--poll-interval", "10", jar.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        String jobId = gateway.jobs().get(0).jobId();
        assertThat(r.outLines()).first().isEqualTo("Job has been submitted with JobID " + jobId);
        assertThat(r.outLines().stream().filter(l -> l.startsWith("[")).toList())
                .hasSize(5)
                .allSatisfy(l -> assertThat(l).matches("\\[ +\\d+\\.\\d s\\] .*"))
                .extracting(l -> l.substring(l.indexOf("] ") + 2))
                .containsExactly("CREATED", "RUNNING", "RESTARTING (restarts: 1): java.io.IOException: disk full", "RUNNING", "FINISHED");
        assertThat(r.outLines()).last().isEqualTo("Job " + jobId + " has finished.");
    }

    @Test
    void runOfAJobThatFailsExitsNonZeroWithTheFailure() throws Exception {
        gateway.scriptStates(JobState.RUNNING, JobState.FAILED);

        CliRun r = spindle("run", "--poll-interval", "10", jar.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.JOB_NOT_FINISHED);
        String jobId = gateway.jobs().get(0).jobId();
        assertThat(r.errLines()).containsExactly("Error: job " + jobId + " failed: java.io.IOException: disk full");
        assertThat(r.out()).contains("] FAILED: java.io.IOException: disk full");
    }

    @Test
    void aMissingSecretFileIsOneLineNamingItAndNothingIsSent() throws Exception {
        Path missing = tmp.resolve("no-such-secret");
        CliRun r = spindle("run", "-d", "-D", "security.cluster.secret-file=" + missing, jar.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(r.errLines()).containsExactly("Error: The cluster secret file " + missing
                + " ('security.cluster.secret-file') does not exist");
        assertThat(gateway.submissions).isEmpty();
    }

    @Test
    void anotherClustersSecretIsRefusedAndNothingIsSubmittedOrCancelled() throws Exception {
        JobStatus running = gateway.add("running", JobState.RUNNING);
        Path other = TestClusterSecrets.write(tmp.resolve("other-secret"));
        CliRun run = spindle("run", "-d", "-D", "security.cluster.secret-file=" + other, jar.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(run.errLines()).singleElement().asString().startsWith("Error: wrong credential: POST /v1/jobs");
        CliRun cancel = spindle("cancel", "-D", "security.cluster.secret-file=" + other, running.jobId());
        assertThat(cancel.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(gateway.submissions).isEmpty();
        assertThat(spindle("list").out()).containsPattern(running.jobId() + "\\s+RUNNING");
    }

    @Test
    void refusedSubmissionIsOneLineWithTheServersMessage() throws Exception {
        gateway.refuseWith(new JobSubmissionException(JobSubmissionException.Reason.ENTRY_CLASS_NOT_FOUND, "class com.example.WordCount is not in the jar"));
        CliRun r = spindle("run", "-d", jar.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(r.errLines()).containsExactly("Error: class com.example.WordCount is not in the jar");
        assertThat(Files.list(tmp.resolve("uploads"))).isEmpty();
    }

    @Test
    void standbyWithoutLeaderIsAServiceFailure() throws Exception {
        gateway.standbyWithoutLeader();
        CliRun r = spindle("list");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILURE);
        assertThat(r.errLines()).singleElement().asString().startsWith("Error: This JobManager is not the leader and no leader is known");
    }

    @Test
    void listPrintsATable() throws Exception {
        JobStatus a = gateway.add("word-count", JobState.RUNNING);
        JobStatus b = gateway.add("etl", JobState.FAILED);

        CliRun r = spindle("list");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).hasSize(3);
        assertThat(r.outLines().get(0)).matches("JOB ID +STATE +NAME +SUBMITTED");
        assertThat(r.outLines().get(1)).matches(a.jobId() + " +RUNNING +word-count +2025-03-04T05:06:08Z");
        assertThat(r.outLines().get(2)).matches(b.jobId() + " +FAILED +etl +2025-03-04T05:06:09Z");
        assertThat(r.outLines().get(1).indexOf("RUNNING")).isEqualTo(r.outLines().get(0).indexOf("STATE"));
    }

    @Test
    void listOfAnEmptyCluster() throws Exception {
        CliRun r = spindle("list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.outLines()).containsExactly("No jobs.");
    }

    @Test
    void cancelPrintsTheFinalState() throws Exception {
        JobStatus a = gateway.add("word-count", JobState.RUNNING);
        CliRun r = spindle("cancel", a.jobId());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("Job " + a.jobId() + " is CANCELED");
        assertThat(gateway.jobs()).extracting(JobStatus::state).containsExactly(JobState.CANCELED);
    }

    @Test
    void cancelOfAnUnknownJob() throws Exception {
        CliRun r = spindle("cancel", "0000000000000000000000000000beef");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(r.errLines()).containsExactly("Error: unknown job 0000000000000000000000000000beef");
    }
}
