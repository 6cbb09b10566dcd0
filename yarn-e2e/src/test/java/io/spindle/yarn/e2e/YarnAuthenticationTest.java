package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.runtime.testing.Intruders;
import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretCredentials;
import io.spindle.testing.ContainerLogs;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.yarn.client.ApplicationSecretFile;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A YARN session (the real ApplicationMaster and TaskExecutors on a MiniYARNCluster), shared by
 * both tests: where its per-application secret travels and where it never is; and a client without
 * it (or with a wrong one) that cannot submit, cancel or shut down over REST, nor SubmitTask,
 * Shutdown or register over gRPC, while the owner's client, with the credential the deployer kept,
 * still can; and a browser that reaches the dashboard directly, not through the ResourceManager's
 * web proxy, is sent there, while the owner's client is served directly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YarnAuthenticationTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = YarnE2eCluster.CLUSTER;
    @RegisterExtension
    static final YarnE2eFixture E2E = new YarnE2eFixture();

    private static final Pattern TE_RPC = Pattern.compile("TaskExecutor \\S+ started with \\d+ slot\\(s\\), RPC (\\S+)");

    private static final List<String> console = new ArrayList<>();
    private static YarnClusterDeployer deployer;
    private static ClusterHandle session;
    private static ClusterSecret secret;
    private static String jobId;

    @BeforeAll
    static void startSession() throws Exception {
        Map<String, String> values = YarnE2eCluster.quickRecoveryValues(CLUSTER);
        values.put("taskmanager.numberOfTaskSlots", "1");
        deployer = YarnE2eCluster.deployer(CLUSTER.hadoopConf())
                .clientConfiguration(Configuration.fromMap(Map.of("yarn.properties-file.location",
                        CLUSTER.workDir().resolve("client").toString())))
                .console(console::add)
                .build();
        session = deployer.deploySession(Configuration.fromMap(values));
        secret = deployer.secretFile(session.applicationId()).read().orElseThrow();
        // The owner's long job: it brings a TaskExecutor container, and gives the intruder something to cancel.
        RestClusterClient owner = owner();
        jobId = owner.submit(E2E.jar(), CountingJob.class.getName(), List.of("--output", CLUSTER.hdfsUri()
                + "/out/guarded", "--count", "1000000", "--step-delay-ms", "20"), 1, "guarded");
        await("the owner's job running").atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .until(() -> owner.job(jobId).status().runningSince() != null);
    }

    @AfterAll
    static void stopSession() throws Exception {
        try {
            if (session != null) {
                YarnE2eCluster.endApplications(CLUSTER, List.of(session.applicationId()));
            }
        } finally {
            if (deployer != null) {
                deployer.close();
            }
        }
    }

    private static RestClusterClient owner() {
        return new RestClusterClient(session.restUrl()).withCredential(secret);
    }

    @Test
    @Order(1)
    void theSecretIsOnlyInTheContainersCredentialsAndTheOwnersOwnFile() throws Exception {
        ApplicationId app = session.applicationId();
        ApplicationSecretFile file = deployer.secretFile(app);
        assertThat(file.path()).startsWith(CLUSTER.workDir().resolve("client"));
        assertThat(Files.getPosixFilePermissions(file.path())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        ContainerLaunchContext am = CLUSTER.yarnCluster().getResourceManager().getRMContext().getRMApps().get(app)
                .getApplicationSubmissionContext().getAMContainerSpec();
        assertThat(ClusterSecretCredentials.from(credentials(am))).contains(secret);
        assertNowhere(am.getEnvironment().values(), "the AM's environment");
        assertNowhere(am.getCommands(), "the AM's command");

        assertThat(owner().overview().taskExecutors()).isEqualTo(1);
        List<ContainerLaunchContext> running = CLUSTER.yarnCluster().getNodeManager(0).getNMContext().getContainers()
                .values().stream().filter(c -> c.getContainerId().getApplicationAttemptId().getApplicationId().equals(app))
                .map(org.apache.hadoop.yarn.server.nodemanager.containermanager.container.Container::getLaunchContext)
                .toList();
        assertThat(running).as("the AM and one TaskExecutor").hasSize(2);
        for (ContainerLaunchContext context : running) {
            Credentials credentials = credentials(context);
            assertThat(ClusterSecretCredentials.from(credentials)).contains(secret);
            assertNowhere(context.getEnvironment().values(), "a container's environment");
            assertNowhere(context.getCommands(), "a container's command");
        }
        assertThat(running).as("a TaskExecutor gets the secret alone, none of the AM's tokens")
                .anyMatch(context -> credentials(context).numberOfTokens() == 0);

        FileSystem fs = CLUSTER.fileSystem();
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), ".spindle/" + app);
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(staging, true);
        int staged = 0;
        while (files.hasNext()) {
            org.apache.hadoop.fs.Path path = files.next().getPath();
            byte[] content;
            try (var in = fs.open(path)) {
                content = in.readAllBytes();
            }
            assertNowhere(List.of(new String(content, StandardCharsets.ISO_8859_1)), "the staged file " + path);
            staged++;
        }
        assertThat(staged).as("files staged in " + staging).isPositive();
        assertNowhere(console, "the client's console");
        for (Path log : ContainerLogs.files(CLUSTER.yarnCluster(), app)) {
            assertNowhere(List.of(Files.readString(log, StandardCharsets.ISO_8859_1)), "the container log " + log);
        }
    }

    @Test
    @Order(2)
    void aClientWithoutTheSecretChangesNothingAndTheOwnerStillCan() throws Exception {
        ApplicationId app = session.applicationId();
        RestClusterClient owner = owner();
        org.apache.hadoop.fs.Path jars = new org.apache.hadoop.fs.Path("/spindle/ha/" + app + "/jars");
        int jarsBefore = CLUSTER.fileSystem().listStatus(jars).length;

        RestClusterClient anonymous = new RestClusterClient(session.restUrl());
        Intruders.assertRestRefused(anonymous, E2E.jar(), jobId);

        String leaderPath = "/spindle/" + app + ZooKeeperLayout.JOBMANAGER_LEADER;
        LeaderInfo leader = LeaderInfo.fromBytes(E2E.zk().getData().forPath(leaderPath), leaderPath);
        String taskExecutor = taskExecutorRpcAddress(app);
        Intruders.assertRpcRefused(leader, taskExecutor, jobId);

        assertThat(owner.overview().taskExecutors()).isEqualTo(1);
        assertThat(owner.jobs()).singleElement().satisfies(job -> {
            assertThat(job.jobId()).isEqualTo(jobId);
            assertThat(job.state()).isEqualTo(JobState.RUNNING);
        });
        assertThat(CLUSTER.fileSystem().listStatus(jars)).hasSize(jarsBefore);
        assertThat(CLUSTER.yarnClient().getApplicationReport(app).getYarnApplicationState().toString()).isEqualTo("RUNNING");
        await("the refusals logged").atMost(Duration.ofSeconds(10)).until(() -> logsContain(app, "Refused REST POST /v1/jobs")
                && logsContain(app, "Refused RPC spindle.rpc.TaskExecutorService/")
                && logsContain(app, "Refused RPC spindle.rpc.JobManagerService/RegisterTaskExecutor"));

        JobStatus cancelled = owner.cancel(jobId);
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELED);
    }

    @Test
    @Order(3)
    void aBrowserThatReachesTheDashboardDirectlyIsSentToTheProxyWhileTheOwnersClientIsServed() throws Exception {
        ApplicationId app = session.applicationId();
        java.net.URI direct = java.net.URI.create(session.restUrl());
        // A client on an address the proxy is not on: the ResourceManager and the test share a host.
        java.net.InetAddress elsewhere = java.net.InetAddress.getByName("127.0.0.2");
        List<java.net.InetAddress> proxyAddresses = new ArrayList<>();
        for (String proxy : org.apache.hadoop.yarn.webapp.util.WebAppUtils.getProxyHostsAndPortsForAmFilter(
                CLUSTER.yarnCluster().getConfig())) {
            proxyAddresses.addAll(List.of(java.net.InetAddress.getAllByName(proxy.substring(0, proxy.lastIndexOf(':')))));
        }
        assertThat(proxyAddresses).as("the proxy's addresses").isNotEmpty().doesNotContain(elsewhere);

        String page = rawGet(elsewhere, direct.getPort(), "/?tab=jobs", null);
        assertThat(page).as("a direct browser request").startsWith("HTTP/1.1 302");
        String location = Pattern.compile("(?im)^Location: (\\S+)").matcher(page).results().map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new AssertionError("no Location in " + page));
        assertThat(location).as("the application's page on the ResourceManager's proxy")
                .endsWith("/proxy/" + app + "/?tab=jobs")
                .startsWith(org.apache.hadoop.yarn.webapp.util.WebAppUtils.getHttpSchemePrefix(
                        CLUSTER.yarnCluster().getConfig()));
        assertThat(java.net.URI.create(location).getPort()).as("the proxy's real port").isPositive();
        java.net.http.HttpResponse<String> proxied = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(YarnE2eCluster.proxyUrl(CLUSTER, app)))
                        .timeout(Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.statusCode()).as("through the proxy").isEqualTo(200);
        assertThat(proxied.body()).containsIgnoringCase("<html");

        assertThat(rawGet(elsewhere, direct.getPort(), "/", "Bearer " + secret.restToken()))
                .as("with the credential, served directly").startsWith("HTTP/1.1 200");
        assertThat(rawGet(elsewhere, direct.getPort(), "/v1/overview", null)).as("the API, directly")
                .startsWith("HTTP/1.1 200");
        assertThat(owner().overview().taskExecutors()).as("the owner's client, directly").isEqualTo(1);
    }

    /**
     * A GET of {@code path} on this host's {@code port}, sent from {@code from}, with
     * {@code authorization} (or none); the answer's status line and headers.
     */
    private static String rawGet(java.net.InetAddress from, int port, String path, String authorization)
            throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(from, 0));
            socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n\r\n");
            return end < 0 ? answer : answer.substring(0, end);
        }
    }

    private static Credentials credentials(ContainerLaunchContext context) {
        ByteBuffer tokens = context.getTokens().duplicate();
        tokens.rewind();
        byte[] bytes = new byte[tokens.remaining()];
        tokens.get(bytes);
        Credentials credentials = new Credentials();
        try {
            credentials.readTokenStorageStream(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return credentials;
    }

    /** Asserts that no text of {@code texts} holds the secret in any usual encoding. */
    private static void assertNowhere(java.util.Collection<String> texts, String where) {
        byte[] raw = secret.bytes();
        List<String> encodings = List.of(new String(raw, StandardCharsets.ISO_8859_1),
                Base64.getEncoder().encodeToString(raw), Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
                HexFormat.of().formatHex(raw), HexFormat.of().withUpperCase().formatHex(raw));
        for (String text : texts) {
            for (String encoding : encodings) {
                assertThat(text.contains(encoding)).as("the secret in " + where).isFalse();
            }
        }
    }

    private static String taskExecutorRpcAddress(ApplicationId app) throws Exception {
        for (Path log : ContainerLogs.files(CLUSTER.yarnCluster(), app)) {
            Matcher m = TE_RPC.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no TaskExecutor's RPC address in the container logs of " + app);
    }

    private static boolean logsContain(ApplicationId app, String text) throws Exception {
        for (Path log : ContainerLogs.files(CLUSTER.yarnCluster(), app)) {
            if (Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
