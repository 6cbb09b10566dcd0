package io.spindle.bench.chaos;

import io.spindle.runtime.jobmanager.CheckpointStats;
import io.spindle.runtime.jobmanager.JobDetail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Watches the cluster after one fault until every counting job still running has completed a
 * checkpoint triggered after the fault (the recovery time), and tells what the cluster did:
 * a new AM attempt leading, jobs adopted or restored from checkpoint N (the {@code ADOPTED} and
 * {@code RESTORED} entries of the jobs' checkpoint lists, seen while polling), TaskExecutor
 * containers replaced, a new ZooKeeper leader.
 *
 * <p>Not thread-safe; one per fault.
 */
final class FaultObserver {

    private static final Duration POLL = Duration.ofMillis(500);

    private final SessionLink link;
    private final ChaosTarget target;
    private final Map<String, String> names;
    private final ClusterView before;
    private final Map<String, String> seen = new TreeMap<>();

    /**
     * @param names job id to the job's name, for the jobs to watch
     * @param before the view just before the fault
     */
    FaultObserver(SessionLink link, ChaosTarget target, Map<String, String> names, ClusterView before) {
        this.link = link;
        this.target = target;
        this.names = names;
        this.before = before;
    }

    /** Outcome and recovery time. */
    record Observation(String outcome, long recoveryMs) {}

    /**
     * Polls until recovery or {@code timeout}, calling {@code tick} each round.
     *
     * @param injected when the fault was done (for a pause: when the process was resumed)
     */
    Observation await(Instant injected, Duration timeout, Runnable tick) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> ids = List.copyOf(names.keySet());
        while (true) {
            ClusterView view;
            try {
                view = ClusterView.read(link, target, ids, Duration.ofSeconds(5));
            } catch (IllegalStateException e) {
                view = null;
            }
            if (view != null) {
                collect(view, injected);
                if (recovered(view, injected)) {
                    long ms = Duration.between(injected, Instant.now()).toMillis();
                    return new Observation(describe(view), ms);
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return new Observation("NOT RECOVERED within " + timeout.toSeconds() + " s"
                        + (view == null ? " (no leader answered)" : "; " + describe(view)), -1);
            }
            tick.run();
            Thread.sleep(POLL.toMillis());
        }
    }

    private void collect(ClusterView view, Instant injected) {
        view.jobs().forEach((id, detail) -> {
            for (CheckpointStats c : detail.checkpoints()) {
                boolean after = c.triggeredAt() != null && c.triggeredAt().isAfter(injected);
                if (after && c.status().equals("ADOPTED")) {
                    seen.putIfAbsent(id, "adopted");
                } else if (after && c.status().equals("RESTORED")) {
                    seen.putIfAbsent(id, "restored from checkpoint " + c.id());
                }
            }
        });
    }

    private static boolean recovered(ClusterView view, Instant injected) {
        return view.jobs().values().stream().allMatch(d -> d.status().state().isTerminal()
                || d.checkpoints().stream().anyMatch(c -> c.status().equals("COMPLETED")
                        && c.triggeredAt() != null && c.triggeredAt().isAfter(injected)));
    }

    private String describe(ClusterView after) {
        List<String> parts = new ArrayList<>();
        if (!after.attempt().equals(before.attempt())) {
            parts.add("new leader: attempt " + shortAttempt(after.attempt()));
        } else if (!java.util.Objects.equals(after.leaderSession(), before.leaderSession())) {
            parts.add("attempt " + shortAttempt(after.attempt()) + " lost and regained leadership (new leader session)");
        }
        Map<String, Set<String>> byOutcome = new TreeMap<>();
        seen.forEach((id, what) -> byOutcome.computeIfAbsent(what, k -> new TreeSet<>()).add(names.get(id)));
        after.jobs().forEach((id, detail) -> {
            JobDetail old = before.jobs().get(id);
            if (!seen.containsKey(id) && old != null && detail.adoptions() > old.adoptions()) {
                byOutcome.computeIfAbsent("adopted", k -> new TreeSet<>()).add(names.get(id));
            } else if (!seen.containsKey(id) && old != null && after.attempt().equals(before.attempt())
                    && detail.status().restarts() > old.status().restarts()) {
                byOutcome.computeIfAbsent("restarted from its latest checkpoint", k -> new TreeSet<>()).add(names.get(id));
            }
        });
        byOutcome.forEach((what, jobs) -> parts.add(what + " " + String.join(",", jobs)));
        Set<String> replaced = new TreeSet<>(after.taskExecutors());
        replaced.removeAll(before.taskExecutors());
        if (!replaced.isEmpty()) {
            parts.add("TaskExecutor replaced by " + String.join(",", replaced.stream().map(FaultObserver::shortContainer).toList()));
        }
        if (before.zooKeeperLeader().isPresent() && after.zooKeeperLeader().isPresent()
                && !before.zooKeeperLeader().equals(after.zooKeeperLeader())) {
            parts.add("ZooKeeper leader re-elected: member " + before.zooKeeperLeader().get() + " -> "
                    + after.zooKeeperLeader().get());
        }
        return parts.isEmpty() ? "jobs kept running, nothing restarted" : String.join("; ", parts);
    }

    private static String shortAttempt(String attempt) {
        int i = attempt.lastIndexOf('_');
        return i < 0 ? attempt : Integer.toString(Integer.parseInt(attempt.substring(i + 1)));
    }

    /** {@code ..._01_000004} of a container id. */
    static String shortContainer(String container) {
        String[] parts = container.split("_");
        return parts.length < 2 ? container : parts[parts.length - 2] + "_" + parts[parts.length - 1];
    }
}
