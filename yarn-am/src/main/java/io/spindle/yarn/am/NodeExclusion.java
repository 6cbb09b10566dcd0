package io.spindle.yarn.am;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.hadoop.yarn.api.records.NodeId;

/**
 * Which NodeManagers the AM keeps out of its TaskExecutor container requests: a node on which
 * {@code failures} containers failed within {@code expiry} ({@code yarn.node-exclusion.failures}
 * within {@code yarn.node-exclusion.expiry}) is excluded for {@code expiry}, then allowed again
 * with its count cleared, as Spark's and Tez's node exclusion do. {@code failures} 0 turns it off.
 *
 * <p>A node is named as the ResourceManager's scheduler names it in its exclusion list: its host,
 * or {@code host:port} when the scheduler includes ports in node names
 * ({@code yarn.scheduler.include-port-in-node-name}, as on a cluster whose NodeManagers share a
 * host). The exclusions themselves go to the ResourceManager through the caller
 * ({@code AMRMClient.updateBlacklist}).
 *
 * <p>Not thread-safe: its owner ({@link YarnResourceDriver}) calls it under its own lock.
 */
final class NodeExclusion {

    private final int failures;
    private final Duration expiry;
    private final boolean portInName;
    private final LongSupplier nanoTime;
    private final Map<String, Deque<Long>> failureTimes = new HashMap<>();
    /** Excluded node name → when its exclusion ends (nanoTime). */
    private final Map<String, Long> excludedUntil = new LinkedHashMap<>();

    /**
     * @param failures container failures on one node within {@code expiry} that exclude it; 0 (or less): never
     * @param expiry how long failures are remembered and a node stays excluded
     * @param portInName whether node names include the NodeManager's port
     * @param nanoTime the monotonic clock, in nanoseconds
     */
    NodeExclusion(int failures, Duration expiry, boolean portInName, LongSupplier nanoTime) {
        this.failures = Math.max(0, failures);
        this.expiry = expiry.isNegative() ? Duration.ZERO : expiry;
        this.portInName = portInName;
        this.nanoTime = nanoTime;
    }

    /** An exclusion with the system clock. */
    NodeExclusion(int failures, Duration expiry, boolean portInName) {
        this(failures, expiry, portInName, System::nanoTime);
    }

    /**
     * Records a failed container on {@code node}.
     *
     * @return the node's name if this failure excludes it (it was not excluded before)
     */
    Optional<String> failed(NodeId node) {
        String name = name(node);
        if (failures == 0 || excludedUntil.containsKey(name)) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        Deque<Long> times = failureTimes.computeIfAbsent(name, n -> new ArrayDeque<>());
        times.addLast(now);
        while (now - times.getFirst() > expiry.toNanos()) {
            times.removeFirst();
        }
        if (times.size() < failures) {
            return Optional.empty();
        }
        failureTimes.remove(name);
        excludedUntil.put(name, now + expiry.toNanos());
        return Optional.of(name);
    }

    /** Ends the exclusions that expired. @return the names of the nodes allowed again */
    List<String> liftExpired() {
        long now = nanoTime.getAsLong();
        List<String> lifted = new ArrayList<>();
        excludedUntil.entrySet().removeIf(e -> {
            boolean over = now - e.getValue() >= 0;
            if (over) {
                lifted.add(e.getKey());
            }
            return over;
        });
        return lifted;
    }

    /** @return the names of the excluded nodes, in the order they were excluded */
    List<String> excluded() {
        return List.copyOf(excludedUntil.keySet());
    }

    /** @return how many failures exclude a node */
    int threshold() {
        return failures;
    }

    /** @return how long failures count and an exclusion lasts */
    Duration expiry() {
        return expiry;
    }

    private String name(NodeId node) {
        return portInName ? node.getHost() + ":" + node.getPort() : node.getHost();
    }
}
