package io.spindle.runtime.jobmanager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TaskExecutors registered with the current leader session, and slot allocation over them.
 *
 * <p>Confined to the JobManager's main thread.
 */
final class TaskExecutorRegistry {

    private final Map<String, RegisteredTaskExecutor> executors = new LinkedHashMap<>();

    void add(RegisteredTaskExecutor executor) {
        RegisteredTaskExecutor previous = executors.put(executor.id(), executor);
        if (previous != null) {
            previous.close();
        }
    }

    Optional<RegisteredTaskExecutor> get(String id) {
        return Optional.ofNullable(executors.get(id));
    }

    Optional<RegisteredTaskExecutor> remove(String id) {
        RegisteredTaskExecutor removed = executors.remove(id);
        if (removed != null) {
            removed.close();
        }
        return Optional.ofNullable(removed);
    }

    Collection<RegisteredTaskExecutor> all() {
        return List.copyOf(executors.values());
    }

    int totalSlots() {
        return executors.values().stream().mapToInt(RegisteredTaskExecutor::slots).sum();
    }

    int freeSlots() {
        return executors.values().stream().mapToInt(RegisteredTaskExecutor::freeSlots).sum();
    }

    /**
     * Picks a TaskExecutor for each of {@code count} tasks, spreading them over the executors with
     * the most free slots. Assigns nothing; returns empty if there are not enough free slots.
     */
    Optional<List<RegisteredTaskExecutor>> pick(int count) {
        if (freeSlots() < count) {
            return Optional.empty();
        }
        Map<RegisteredTaskExecutor, Integer> free = new LinkedHashMap<>();
        executors.values().forEach(te -> free.put(te, te.freeSlots()));
        List<RegisteredTaskExecutor> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RegisteredTaskExecutor best = free.entrySet().stream()
                    .max(Comparator.comparingInt(Map.Entry::getValue))
                    .orElseThrow()
                    .getKey();
            picked.add(best);
            free.merge(best, -1, Integer::sum);
        }
        return Optional.of(picked);
    }

    void closeAll() {
        executors.values().forEach(RegisteredTaskExecutor::close);
        executors.clear();
    }
}
