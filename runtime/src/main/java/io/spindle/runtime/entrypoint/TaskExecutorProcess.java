package io.spindle.runtime.entrypoint;

import io.grpc.Server;
import io.grpc.util.MutableHandlerRegistry;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.TaskManagerOptions;
import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderRetrieval;
import io.spindle.ha.zookeeper.ZooKeeperHaServices;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.runtime.taskexecutor.TaskExecutor;
import io.spindle.runtime.taskexecutor.TaskExecutorRpcService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import io.spindle.runtime.metrics.MetricsHttpEndpoint;
import io.spindle.runtime.metrics.HaConnectionMetrics;
import io.spindle.runtime.metrics.ProcessMetrics;
import io.spindle.runtime.metrics.TaskExecutorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running TaskExecutor with its gRPC endpoint and the leader retrieval it follows; its calls in
 * both directions are authenticated with the process's
 * {@link ClusterAuthentication#forProcess cluster secret}.
 * Thread-safe; {@link #close} is idempotent.
 */
public final class TaskExecutorProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskExecutorProcess.class);

    private final HaServices ha;
    private final TaskExecutor taskExecutor;
    private final Server rpcServer;
    private final LeaderRetrieval retrieval;
    private final ProcessMetrics metrics = new ProcessMetrics();
    private final HaConnectionMetrics zooKeeperMetrics;
    private final MetricsHttpEndpoint metricsEndpoint;
    private boolean closed;

    private TaskExecutorProcess(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf, String resourceId,
            Path workDir) throws Exception {
        ClusterAuthentication authentication = ClusterAuthentication.forProcess(conf);
        this.ha = ZooKeeperHaServices.create(conf, hadoopConf);
        TaskExecutor te = null;
        Server rpc = null;
        LeaderRetrieval follow = null;
        HaConnectionMetrics zkMetrics = null;
        MetricsHttpEndpoint endpoint = null;
        boolean started = false;
        try {
            String host = conf.getOptional(TaskManagerOptions.HOST).orElseGet(HostNames::localHostName);
            Files.createDirectories(workDir);
            // The server starts first (the TaskExecutor announces its port); the service is added after.
            MutableHandlerRegistry services = new MutableHandlerRegistry();
            rpc = RpcServers.startWithRegistry(conf.get(TaskManagerOptions.RPC_PORT), TaskManagerOptions.RPC_PORT, services,
                    authentication);
            String address = host + ":" + rpc.getPort();
            String id = resourceId.isEmpty() ? address : resourceId;
            te = new TaskExecutor(id, address, resourceId, conf.get(TaskManagerOptions.NUMBER_OF_TASK_SLOTS),
                    conf.get(TaskManagerOptions.HEARTBEAT_TIMEOUT),
                    conf.get(TaskManagerOptions.PREVIOUS_LEADER_RECOVERY_TIMEOUT), hadoopConf, workDir, authentication);
            services.addService(new TaskExecutorRpcService(te));
            follow = ha.leaderRetrieval(te::leaderChanged);
            follow.start();
            zkMetrics = HaConnectionMetrics.watch(ha, metrics.registry());
            TaskExecutorMetrics.bind(te, metrics.registry());
            endpoint = MetricsHttpEndpoint.start(conf.get(TaskManagerOptions.METRICS_PORT),
                    TaskManagerOptions.METRICS_PORT, metrics::scrape);
            LOG.info("TaskExecutor {} started with {} slot(s), RPC {}", id,
                    conf.get(TaskManagerOptions.NUMBER_OF_TASK_SLOTS), address);
            started = true;
        } finally {
            this.taskExecutor = te;
            this.rpcServer = rpc;
            this.retrieval = follow;
            this.zooKeeperMetrics = zkMetrics;
            this.metricsEndpoint = endpoint;
            if (!started) {
                close(); // what a failed start created, as a stop closes it
            }
        }
    }

    /**
     * Starts a TaskExecutor.
     *
     * @param resourceId the YARN container id, or empty
     * @throws io.spindle.configuration.IllegalConfigurationException if the cluster secret is missing or unusable
     * @throws io.spindle.ha.ZooKeeperUnavailableException if ZooKeeper cannot be reached
     * @throws IOException if no RPC port is free
     */
    public static TaskExecutorProcess start(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf,
            String resourceId, Path workDir) throws Exception {
        return new TaskExecutorProcess(conf, hadoopConf, resourceId, workDir);
    }

    /** The TaskExecutor. */
    public TaskExecutor taskExecutor() {
        return taskExecutor;
    }

    /** The port of its metrics endpoint ({@code GET /metrics}). */
    public int metricsPort() {
        return metricsEndpoint.port();
    }

    /** Completes when the JobManager asked this TaskExecutor to exit. */
    public CompletableFuture<String> shutdownRequested() {
        return taskExecutor.shutdownRequested();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        if (zooKeeperMetrics != null) {
            zooKeeperMetrics.close();
        }
        metrics.close();
        if (retrieval != null) {
            retrieval.close();
        }
        if (taskExecutor != null) {
            taskExecutor.close();
        }
        if (rpcServer != null) {
            RpcServers.stop(rpcServer);
        }
        ha.close();
    }
}
