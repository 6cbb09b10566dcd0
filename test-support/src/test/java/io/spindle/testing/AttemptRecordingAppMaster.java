package io.spindle.testing;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.zookeeper.CreateMode;

/**
 * A minimal ApplicationMaster for {@link YarnAttemptRecoveryTest}, run in a YARN container.
 *
 * <p>Arguments: {@code <hdfs base dir> <zookeeper connect string> <znode base> <marker>}. It reads
 * its attempt from {@code CONTAINER_ID}, registers with the ResourceManager, and records itself as
 * {@code <hdfs base dir>/<app id>/attempt-<n>} (file) and {@code <znode base>/<app id>/attempt-<n>}
 * (znode). Attempt 1 then keeps heartbeating until the test kills its JVM (it gives up with exit
 * code 3 after two minutes). Later attempts check that attempt 1's file and znode exist, write what
 * they saw into their own file, and unregister with SUCCEEDED. The Hadoop configuration comes from
 * the {@code hadoop-conf} directory the test puts first on the classpath.
 */
public final class AttemptRecordingAppMaster {

    private AttemptRecordingAppMaster() {
    }

    public static void main(String[] args) throws Exception {
        Path baseDir = new Path(args[0]);
        String zkConnect = args[1];
        String znodeBase = args[2];
        String marker = args[3];

        ContainerId containerId = ContainerId.fromString(
                System.getenv(ApplicationConstants.Environment.CONTAINER_ID.name()));
        ApplicationAttemptId attemptId = containerId.getApplicationAttemptId();
        int attempt = attemptId.getAttemptId();
        String appId = attemptId.getApplicationId().toString();
        log("AM " + containerId + " attempt " + attempt + " starting");

        YarnConfiguration conf = new YarnConfiguration();
        AMRMClient<ContainerRequest> rm = AMRMClient.createAMRMClient();
        rm.init(conf);
        rm.start();
        rm.registerApplicationMaster("", 0, "");
        log("AM attempt " + attempt + " registered");

        FileSystem fs = FileSystem.get(conf);
        Path appDir = new Path(baseDir, appId);
        String appZnode = znodeBase + "/" + appId;
        try (CuratorFramework zk = CuratorFrameworkFactory.builder()
                .connectString(zkConnect)
                .sessionTimeoutMs(10_000)
                .connectionTimeoutMs(10_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 5))
                .build()) {
            zk.start();
            if (!zk.blockUntilConnected(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no ZooKeeper connection to " + zkConnect);
            }
            log("AM attempt " + attempt + " connected to ZooKeeper");
            StringBuilder record = new StringBuilder();
            record.append("container=").append(containerId).append('\n');
            record.append("marker=").append(marker).append('\n');
            if (attempt > 1) {
                boolean sawFile = fs.exists(new Path(appDir, "attempt-1"));
                boolean sawZnode = zk.checkExists().forPath(appZnode + "/attempt-1") != null;
                record.append("sawAttempt1File=").append(sawFile).append('\n');
                record.append("sawAttempt1Znode=").append(sawZnode).append('\n');
            }
            zk.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT)
                    .forPath(appZnode + "/attempt-" + attempt, containerId.toString().getBytes(StandardCharsets.UTF_8));
            writeAtomically(fs, new Path(appDir, "attempt-" + attempt), record.toString());
            log("AM attempt " + attempt + " recorded:\n" + record);
        }

        if (attempt == 1) {
            // Wait to be killed (kill -9 by the test), at most 2 minutes; heartbeat the RM meanwhile.
            java.util.concurrent.ScheduledExecutorService heartbeat =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
            heartbeat.scheduleAtFixedRate(() -> {
                try {
                    rm.allocate(0f);
                } catch (Exception e) {
                    failed.countDown();
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            boolean heartbeatFailed = failed.await(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
            System.err.println(heartbeatFailed ? "AM attempt 1 lost the ResourceManager" : "AM attempt 1 was not killed; giving up");
            System.exit(3);
        }
        rm.unregisterApplicationMaster(FinalApplicationStatus.SUCCEEDED, "attempt " + attempt + " done", null);
        rm.stop();
        log("AM attempt " + attempt + " unregistered");
        System.exit(0); // do not wait for Hadoop's non-daemon threads
    }

    /** Prints with the time since the JVM started, to see where an attempt spends its time. */
    private static void log(String message) {
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(Instant.now() + " (+" + sinceStart + " ms) " + message);
    }

    private static void writeAtomically(FileSystem fs, Path file, String content) throws Exception {
        Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        if (!fs.rename(tmp, file)) {
            throw new IllegalStateException("cannot rename " + tmp + " to " + file);
        }
    }
}
