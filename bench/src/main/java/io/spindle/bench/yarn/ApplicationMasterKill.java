package io.spindle.bench.yarn;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperLeaderRetrieval;
import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.SignalContainerCommand;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * A {@code kill -9} of an application's current ApplicationMaster (SIGKILL through its NodeManager,
 * {@code signalToContainer FORCEFUL_SHUTDOWN}) and the wait for the next attempt to lead.
 * Immutable and thread-safe.
 *
 * @param app the application
 * @param killedAttempt the attempt whose AM was killed
 * @param killedAt when the signal was sent (this client's clock)
 */
record ApplicationMasterKill(ApplicationId app, ApplicationAttemptId killedAttempt, Instant killedAt) {

    /**
     * Attempt 2 (or later) leading: its owner's REST client and its overview.
     *
     * @param rest the new leader's REST client, with the owner's credential
     * @param overview its overview, as it reported leading
     */
    record NewLeader(RestClusterClient rest, ClusterOverview overview) {}

    /**
     * Kills the AM container of the application's current attempt.
     *
     * @throws YarnException if the ResourceManager refuses the signal
     * @throws IOException if it cannot be reached
     */
    static ApplicationMasterKill kill(YarnClusterDeployer deployer, ApplicationId app, Probe probe)
            throws YarnException, IOException {
        ApplicationAttemptId attempt = deployer.report(app).getCurrentApplicationAttemptId();
        ContainerId amContainer = deployer.yarnClient().getApplicationAttemptReport(attempt).getAMContainerId();
        probe.progress("killing the ApplicationMaster (%s) with SIGKILL", amContainer);
        Instant killedAt = Instant.now();
        deployer.yarnClient().signalToContainer(amContainer, SignalContainerCommand.FORCEFUL_SHUTDOWN);
        return new ApplicationMasterKill(app, attempt, killedAt);
    }

    /**
     * Waits until another attempt than the killed one leads (read from ZooKeeper) and answers as leader.
     *
     * @param conf the Spindle configuration (HA keys); its cluster id is set to the application id
     * @throws IllegalStateException if no new leader answers within 3 minutes
     * @throws IOException if the owner's credential cannot be read
     * @throws InterruptedException if interrupted
     */
    NewLeader awaitNewLeader(YarnClusterDeployer deployer, Configuration conf, Probe probe) throws Exception {
        String url;
        try (CuratorFramework zk = new ZooKeeperClientFactory(conf.with(HighAvailabilityOptions.CLUSTER_ID,
                app.toString())).startClusterClient()) {
            url = probe.await("attempt 2 to lead", Duration.ofMinutes(3), () -> leader(zk)
                    .filter(info -> !info.participantId().equals(killedAttempt.toString()))
                    .map(LeaderInfo::restUrl).filter(restUrl -> !restUrl.isBlank()));
        }
        RestClusterClient rest = owner(deployer, app, url);
        ClusterOverview overview = probe.await("attempt 2's overview", Duration.ofMinutes(1),
                () -> Optional.of(rest.overview()).filter(ClusterOverview::leader));
        return new NewLeader(rest, overview);
    }

    /**
     * A REST client of the application's JobManager at {@code url}, with the credential the deployer
     * kept for the application when there is one.
     *
     * @throws IOException if the credential file cannot be read
     */
    static RestClusterClient owner(YarnClusterDeployer deployer, ApplicationId app, String url) throws IOException {
        RestClusterClient rest = new RestClusterClient(url);
        Optional<io.spindle.security.ClusterSecret> secret = deployer.secretFile(app).read();
        return secret.isPresent() ? rest.withCredential(secret.get()) : rest;
    }

    /** Milliseconds from the kill to {@code event} (a server time, compared with this client's clock), -1 if null. */
    long since(Instant event) {
        return event == null ? -1 : Duration.between(killedAt, event).toMillis();
    }

    private static Optional<LeaderInfo> leader(CuratorFramework zk) {
        try {
            return ZooKeeperLeaderRetrieval.readOnce(zk);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
