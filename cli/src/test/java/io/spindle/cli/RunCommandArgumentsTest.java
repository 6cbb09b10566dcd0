package io.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.examples.counting.CountingJob;
import io.spindle.testing.ClassJars;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code spindle run/list/cancel} input errors, found before (or without) any server. */
class RunCommandArgumentsTest {

    @TempDir
    Path tmp;

    private CliRun spindle(String command, String... args) throws Exception {
        Path confDir = Files.createDirectories(tmp.resolve("conf"));
        List<String> all = new ArrayList<>(List.of(command, "--conf-dir", confDir.toString()));
        all.addAll(List.of(args));
        return CliRun.spindle(all.toArray(String[]::new));
    }

    /** An address where nothing listens: any attempt to contact it would fail with exit code 3. */
    private static String deadAddress() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static void assertOneLineError(CliRun r, int exitCode, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(exitCode);
        assertThat(r.errLines()).as(r.err()).containsExactly("Error: " + message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingJarIsOneLineNamingTheFile() throws Exception {
        Path missing = tmp.resolve("missing.jar");
        assertOneLineError(spindle("run", "-m", deadAddress(), missing.toString()), 1, "jar file " + missing + " does not exist");
    }

    @Test
    void directoryInsteadOfAJar() throws Exception {
        assertOneLineError(spindle("run", "-m", deadAddress(), tmp.toString()), 1, "jar file " + tmp + " is not a file");
    }

    @Test
    void unreadableJar() throws Exception {
        Path jar = TestJobJars.jar(tmp, "locked.jar", Map.of("Main-Class", "com.example.Job"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("-w-------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(jar), "running as a user who reads anything (root)");
        assertOneLineError(spindle("run", "-m", deadAddress(), jar.toString()), 1, "jar file " + jar + " is not readable");
    }

    @Test
    void notAJar() throws Exception {
        Path text = Files.writeString(tmp.resolve("job.jar"), "plain text");
        CliRun r = spindle("run", "-m", deadAddress(), text.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("Error: " + text + " is not a jar file (");
    }

    @Test
    void jarWithoutEntryClassAndNoDashC() throws Exception {
        Path jar = TestJobJars.jar(tmp, "plain.jar", Map.of());
        assertOneLineError(spindle("run", "-m", deadAddress(), jar.toString()), 1, "no entry class for " + jar
                + ": pass -c ENTRY_CLASS, or set Spindle-Job-Class or Main-Class in the jar's manifest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3"})
    void parallelismBelowOne(String p) throws Exception {
        Path jar = TestJobJars.jar(tmp, "job.jar", Map.of("Main-Class", "com.example.Job"));
        assertOneLineError(spindle("run", "-m", deadAddress(), "-p", p, jar.toString()), 1,
                "parallelism (-p) must be at least 1, got " + p);
    }

    @Test
    void perJobEntryClassThatIsNoJobFailsBeforeYarnIsContacted() throws Exception {
        Path jar = ClassJars.jarContaining(CountingJob.class, tmp);
        assertOneLineError(spindle("run", "-t", "yarn-per-job", "-c", "java.lang.String", jar.toString()), 1,
                "Class java.lang.String does not implement io.spindle.api.Job");
        assertOneLineError(spindle("run", "-t", "yarn-per-job", "-c", "com.example.Missing", jar.toString()), 1,
                "Class com.example.Missing not found in the job jar");
    }

    @Test
    void perJobArgumentsAreValidatedByTheJobBeforeYarnIsContacted() throws Exception {
        Path jar = ClassJars.jarContaining(CountingJob.class, tmp);
        CliRun r = spindle("run", "-t", "yarn-per-job", "-c", CountingJob.class.getName(), jar.toString(),
                "--count", "3");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("Error: Invalid job arguments: ").contains("--output");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void negativeLeaderWaitIsAUsageError() throws Exception {
        assertOneLineError(spindle("list", "--leader-wait", "-1", "-D", "high-availability.zookeeper.quorum=127.0.0.1:1"),
                1, "--leader-wait must not be negative, got -1");
    }

    private static final String NO_SESSION = "no YARN session found: start one with 'yarn-session.sh -d', or pass"
            + " -Dyarn.application.id=application_…";

    @Test
    void yarnSessionTargetWithoutARecordedSessionNamesTheWayToStartOne() throws Exception {
        String location = "-Dyarn.properties-file.location=" + tmp;
        Path jar = TestJobJars.jar(tmp, "job.jar", Map.of("Main-Class", "com.example.Job"));
        assertOneLineError(spindle("run", "-t", "yarn-session", location, jar.toString()), 1, NO_SESSION);
        assertOneLineError(spindle("list", "-t", "yarn-session", location), 1, NO_SESSION);
        assertOneLineError(spindle("cancel", "-t", "yarn-session", location, "abc"), 1, NO_SESSION);
    }

    @Test
    void unknownTargetIsAUsageError() throws Exception {
        Path jar = TestJobJars.jar(tmp, "job.jar", Map.of("Main-Class", "com.example.Job"));
        CliRun r = spindle("run", "-t", "kubernetes", jar.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("unknown target 'kubernetes'; expected one of standalone, yarn-session, yarn-per-job");
    }

    @Test
    void noJobManagerConfigured() throws Exception {
        CliRun r = spindle("list");
        assertOneLineError(r, 1, "no JobManager to talk to: pass -m host:port, set 'rest.address', or set"
                + " 'high-availability.zookeeper.quorum' to find the leader through ZooKeeper");
    }

    @Test
    void unreachableJobManagerIsAServiceFailure() throws Exception {
        String address = deadAddress();
        CliRun r = spindle("list", "-m", address);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.SERVICE_FAILURE);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("Error: cannot reach JobManager at http://" + address + ": ");
    }

    @Test
    void restAddressFromTheConfigurationIsUsed() throws Exception {
        String address = deadAddress();
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
        CliRun r = spindle("cancel", "-D", "rest.address=127.0.0.1", "-D", "rest.port=" + port, "abc");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILURE);
        assertThat(r.err()).startsWith("Error: cannot reach JobManager at http://127.0.0.1:" + port + ": ");
    }

    @Test
    void cancelNeedsAJobId() throws Exception {
        CliRun r = spindle("cancel", "-m", deadAddress());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("Missing required parameter: 'JOB_ID'");
    }
}
