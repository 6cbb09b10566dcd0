package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.testing.ClassJars;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.YarnClusterDeployer;
import io.spindle.yarn.common.security.KerberizedHdfs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token renewal on a Kerberized YARN with short token lifetimes (NameNode: renew interval 6 s,
 * maximum lifetime 12 s): a session job keeps checkpointing and writing to HDFS across at least
 * three maximum lifetimes, because the ApplicationMaster obtains fresh tokens from its keytab and
 * pushes them to the running TaskExecutor; the output is exactly once.
 */
class KerberizedTokenRenewalTest {

    private static final Duration RENEW_INTERVAL = Duration.ofSeconds(6);
    private static final Duration MAX_LIFETIME = Duration.ofSeconds(12);

    @TempDir
    static Path dir;

    private static KerberizedYarn cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KerberizedYarn.start(dir, RENEW_INTERVAL, MAX_LIFETIME);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aJobKeepsWritingAcrossThreeMaximumTokenLifetimes() throws Exception {
        Map<String, String> values = cluster.values(dir.resolve("client"));
        values.put("execution.checkpointing.interval", "1 s");
        Configuration config = Configuration.fromMap(values);
        KerberizedHdfs hadoop = cluster.hadoop;
        Path jar = ClassJars.jarContaining(CountingJob.class, dir);
        try (YarnClusterDeployer deployer = YarnClusterDeployer.builder(cluster.yarn.configuration())
                .containerJavaHome(System.getProperty("java.home"))
                .clientConfiguration(config)
                .readyTimeout(Duration.ofSeconds(120))
                .console(line -> { })
                .build()) {
            Instant submitted = Instant.now();
            ClusterHandle session = deployer.deploySession(config);
            try {
                RestClusterClient rest = new RestClusterClient(session.restUrl())
                        .withCredential(deployer.secretFile(session.applicationId()).read().orElseThrow());
                String output = hadoop.hdfsUri() + "/user/" + KerberizedHdfs.USER + "/out/renewed";
                // 2 tasks x 1600 steps x 25 ms: about 40 s, more than three maximum lifetimes.
                String jobId = rest.submit(jar, CountingJob.class.getName(), List.of("--output", output, "--count",
                        "1600", "--step-delay-ms", "25"), 2, "renewed");
                await("the job ends").atMost(Duration.ofSeconds(180)).ignoreExceptions().until(() ->
                        rest.jobs().stream().anyMatch(job -> job.jobId().equals(jobId) && job.state().isTerminal()));
                assertThat(Duration.between(submitted, Instant.now())).as("the job outlived three token lifetimes")
                        .isGreaterThan(MAX_LIFETIME.multipliedBy(3));
                assertThat(rest.job(jobId).status().state()).isEqualTo(JobState.FINISHED);
                KerberizedYarnSessionTest.assertExactlyOnce(hadoop, output, 2, 1600);

                String logs = cluster.containerLogs(session.applicationId());
                assertThat(count(logs, "Refreshed \\d+ delegation token")).as("refreshes by the ApplicationMaster")
                        .isGreaterThanOrEqualTo(5);
                assertThat(count(logs, "Added \\d+ fresh delegation token\\(s\\) from the JobManager"))
                        .as("pushes the TaskExecutor took").isGreaterThanOrEqualTo(4);
            } finally {
                deployer.stop(session.applicationId());
            }
        }
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
