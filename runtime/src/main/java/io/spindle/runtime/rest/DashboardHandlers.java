package io.spindle.runtime.rest;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.spindle.ha.HaDataCheck;
import io.spindle.runtime.jobmanager.JobManagerGateway;
import io.spindle.runtime.jobmanager.TaskExecutorInfo;
import java.time.Instant;
import java.util.List;

/**
 * The read-only endpoints the dashboard polls, besides {@code /v1/overview}, {@code /v1/jobs} and
 * {@code /v1/jobs/{id}}:
 *
 * <pre>
 * GET /                          the dashboard page; GET /dashboard/{file} its script and styles
 * GET /v1/cluster/ha             200 {"zooKeeperConnection", "storageDir"}
 * GET /v1/cluster/leader-sessions 200 [LeaderSessionRecord], oldest first (a standby answers too)
 * GET /v1/cluster/ha-data        200 {"healthy", "pointers", "tree", "findings"}, at most 15 s old
 * GET /v1/taskexecutors          200 [TaskExecutorInfo with "host" and "logUrl"]; 503 on a standby
 * </pre>
 *
 * Thread-safe.
 */
final class DashboardHandlers {

    private final JobManagerGateway gateway;
    private final DashboardData data;
    private final DashboardAssets assets = new DashboardAssets();

    private DashboardHandlers(JobManagerGateway gateway, DashboardData data) {
        this.gateway = gateway;
        this.data = data;
    }

    /** Adds the dashboard's routes to {@code config}. */
    static void route(JavalinConfig config, JobManagerGateway gateway, DashboardData data) {
        DashboardHandlers handlers = new DashboardHandlers(gateway, data);
        config.routes.get("/", handlers.assets::page);
        config.routes.get("/dashboard/{file}", handlers.assets::file);
        config.routes.get("/v1/cluster/ha", ctx -> ctx.json(data.haStatus()));
        config.routes.get("/v1/cluster/leader-sessions", ctx -> ctx.json(data.leaderSessions()));
        config.routes.get("/v1/cluster/ha-data", handlers::haData);
        config.routes.get("/v1/taskexecutors", handlers::taskExecutors);
    }

    /** A TaskExecutor with its host and the link to its container's logs (null when unknown). */
    record TaskExecutorView(String id, String address, String host, String resourceId, int slots, int freeSlots,
            Instant lastHeartbeatAt, String logUrl) {}

    private void taskExecutors(Context ctx) {
        List<TaskExecutorView> views = gateway.taskExecutors().stream().map(this::view).toList();
        ctx.json(views);
    }

    private TaskExecutorView view(TaskExecutorInfo te) {
        return new TaskExecutorView(te.id(), te.address(), te.host(), te.resourceId(), te.slots(), te.freeSlots(),
                te.lastHeartbeatAt(), te.resourceId().isEmpty() ? null : data.logUrl(te.resourceId()).orElse(null));
    }

    private void haData(Context ctx) throws Exception {
        HaDataCheck check = data.haData();
        ctx.json(java.util.Map.of("healthy", check.isHealthy(), "pointers", check.pointers(), "tree", check.tree(),
                "findings", check.problems()));
    }
}
