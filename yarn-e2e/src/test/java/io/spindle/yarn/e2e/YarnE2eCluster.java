package io.spindle.yarn.e2e;

import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.testing.JavaContainerLaunch;
import io.spindle.testing.TestJvmOptions;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.YarnApps;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.YarnClusterDeployer;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * What the end-to-end YARN tests share: one set of clusters (ZooKeeper, MiniDFS, MiniYARN with one
 * NodeManager and log aggregation into the MiniDFS) for every test class of this package, the
 * Spindle settings for them, and ending their applications. A class that stops a part of the
 * clusters starts it again before it ends; every class ends the applications it started.
 */
final class YarnE2eCluster {

    /** Where the NodeManager aggregates container logs, on the MiniDFS. */
    static final String REMOTE_APP_LOG_DIR = "/app-logs";

    /** Register in each test class: {@code @RegisterExtension static final SpindleClusterExtension CLUSTER = YarnE2eCluster.CLUSTER;} */
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withHdfs()
            .withYarn(1)
            .withHadoopConfig("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0")
            .withHadoopConfig("yarn.log-aggregation-enable", "true")
            .withHadoopConfig("yarn.nodemanager.remote-app-log-dir", REMOTE_APP_LOG_DIR)
            .sharedAcrossClasses("yarn-e2e")
            .build();

    private YarnE2eCluster() {}

    /**
     * HA on the cluster's ZooKeeper and HDFS, containers on the test JVM's classpath (which the
     * NodeManagers, in this JVM, share), small JobManager and TaskExecutor processes on
     * the build's test JVM options ({@link TestJvmOptions}).
     *
     * @return a new mutable map, for the test to add to
     */
    static Map<String, String> values(SpindleClusterExtension cluster) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("high-availability.type", "zookeeper");
        values.put("high-availability.zookeeper.quorum", cluster.zooKeeperConnectString());
        values.put("high-availability.storageDir", cluster.hdfsUri() + "/spindle/ha");
        values.putAll(containerValues(cluster.hadoopConfDir()));
        return values;
    }

    /**
     * The containers' settings in every e2e cluster: the test JVM's classpath after
     * {@code hadoopConfDir}, 512 MB JobManager and TaskExecutor processes, the build's test JVM
     * options ({@link TestJvmOptions}).
     */
    static Map<String, String> containerValues(Path hadoopConfDir) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("yarn.container.node-classpath", String.join(",",
                (hadoopConfDir + File.pathSeparator + JavaContainerLaunch.testClasspath()).split(File.pathSeparator)));
        values.put("jobmanager.memory.process.size", "512m");
        values.put("taskmanager.memory.process.size", "512m");
        values.put("yarn.container.jvm-options", TestJvmOptions.commaSeparated());
        return values;
    }

    /**
     * Waits until {@code leader} names attempt {@code attempt} (a participant id ending in
     * {@code _00000N}) with its REST address, which the leader publishes after the grant.
     *
     * @param leader reads the published leader; exceptions count as "not yet"
     */
    static LeaderInfo awaitAttemptLeads(Callable<Optional<LeaderInfo>> leader, int attempt, Duration max) {
        String suffix = String.format("_%06d", attempt);
        return await("attempt " + attempt + " leads and serves REST").atMost(max).ignoreExceptions()
                .until(() -> leader.call().orElse(null), info -> info != null && info.participantId().endsWith(suffix)
                        && !info.restUrl().isBlank());
    }

    /**
     * {@link #values} for a session that recovers quickly: 2 slots per TaskExecutor, a checkpoint
     * every 300 ms, heartbeats every 300 ms that time out after 5 s, restarts 200 ms apart.
     *
     * @return a new mutable map, for the test to add to
     */
    static Map<String, String> quickRecoveryValues(SpindleClusterExtension cluster) {
        Map<String, String> values = values(cluster);
        values.put("taskmanager.numberOfTaskSlots", "2");
        values.put("execution.checkpointing.interval", "300 ms");
        values.put("heartbeat.interval", "300 ms");
        values.put("heartbeat.timeout", "5 s");
        values.put("restart-strategy.fixed-delay.delay", "200 ms");
        return values;
    }

    /** Kills each of {@code started} that still runs and waits until every one has ended. */
    static void endApplications(SpindleClusterExtension cluster, List<ApplicationId> started) throws Exception {
        for (ApplicationId app : started) {
            ApplicationReport report = cluster.yarnClient().getApplicationReport(app);
            if (!YarnApps.TERMINAL_APP_STATES.contains(report.getYarnApplicationState())) {
                cluster.yarnClient().killApplication(app);
            }
            YarnApps.awaitTerminal(cluster.yarnClient(), app, Duration.ofSeconds(60));
        }
    }

    /**
     * A deployer's settings for these clusters: containers on this JVM's {@code java.home}, 120 s
     * for the leader, 60 s to stop, no console lines; the test may change any of them.
     */
    static YarnClusterDeployer.Builder deployer(org.apache.hadoop.conf.Configuration hadoopConf) {
        return YarnClusterDeployer.builder(hadoopConf)
                .containerJavaHome(System.getProperty("java.home"))
                .readyTimeout(Duration.ofSeconds(120))
                .stopTimeout(Duration.ofSeconds(60))
                .console(line -> { });
    }

    /** A REST client of {@code cluster} with its owner's credential (the secret file the deployer wrote). */
    static RestClusterClient owner(YarnClusterDeployer deployer, ClusterHandle cluster) throws java.io.IOException {
        return owner(deployer, cluster.applicationId(), cluster.restUrl());
    }

    /** A REST client of the application's JobManager at {@code restUrl} (e.g. a later attempt's) with its owner's credential. */
    static RestClusterClient owner(YarnClusterDeployer deployer, ApplicationId app, String restUrl)
            throws java.io.IOException {
        return new RestClusterClient(restUrl).withCredential(deployer.secretFile(app).read().orElseThrow());
    }

    /** The application's leader as published in ZooKeeper ({@code zk} in the root namespace), if any. */
    static Optional<LeaderInfo> leader(CuratorFramework zk, ApplicationId app) throws Exception {
        String path = "/spindle/" + app + ZooKeeperLayout.JOBMANAGER_LEADER;
        try {
            return Optional.of(LeaderInfo.fromBytes(zk.getData().forPath(path), path));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    /** The participant ids of the application's election latch nodes. */
    static List<String> latchParticipants(CuratorFramework zk, ApplicationId app) throws Exception {
        String latch = "/spindle/" + app + ZooKeeperLayout.LATCH;
        List<String> participants = new ArrayList<>();
        for (String child : zk.getChildren().forPath(latch)) {
            try {
                participants.add(new String(zk.getData().forPath(latch + "/" + child), StandardCharsets.UTF_8));
            } catch (KeeperException.NoNodeException e) {
                // left the election meanwhile
            }
        }
        return participants;
    }

    /**
     * The application's page on the ResourceManager's web proxy, {@code http://<rm web>/proxy/<app>/},
     * as the report's tracking URL names it, but with the port the ResourceManager's web server
     * really listens on: MiniYARNCluster binds it to an ephemeral port while the ResourceManager builds
     * proxy URLs from its configured port (0). On a real cluster the tracking URL is used as it is.
     */
    static String proxyUrl(SpindleClusterExtension cluster, ApplicationId app) throws Exception {
        java.net.URI tracking = java.net.URI.create(cluster.yarnClient().getApplicationReport(app).getTrackingUrl());
        String web = org.apache.hadoop.yarn.webapp.util.WebAppUtils.getRMWebAppURLWithoutScheme(
                cluster.yarnCluster().getResourceManager().getConfig());
        int port = Integer.parseInt(web.substring(web.lastIndexOf(':') + 1));
        if (port == 0) {
            throw new IllegalStateException("the ResourceManager's web address is not known: " + web);
        }
        return new java.net.URI(tracking.getScheme(), null, tracking.getHost(), port, tracking.getPath(), null, null)
                .toString();
    }
}
