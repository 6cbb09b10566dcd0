package io.spindle.bench.chaos;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One measurement of a session's resources for a soak run: znodes below its ZooKeeper namespace,
 * files and bytes below its storage folder ({@code storageDir/<cluster-id>}) and its staging
 * folder, and the JobManager's and the TaskExecutors' threads, open file descriptors and heap
 * after GC (the largest TaskExecutor's; processes on this machine only). A figure that cannot be
 * read is -1. Each measurement names the JobManager process its JobManager figures are from.
 * Not thread-safe.
 */
final class SoakProbe {

    /** The figures' names, in print order. */
    static final List<String> NAMES = List.of("znodes", "storage_files", "storage_bytes", "staging_files",
            "staging_bytes", "jobmanager_threads", "jobmanager_fds", "jobmanager_heap_after_gc_kb",
            "taskexecutor_threads", "taskexecutor_fds", "taskexecutor_heap_after_gc_kb");

    private final SessionLink link;
    private final ChaosTarget target;
    private final FileSystem fs;
    private final Path storage;

    SoakProbe(SessionLink link, ChaosTarget target, FileSystem fs, Path storage) {
        this.link = link;
        this.target = target;
        this.fs = fs;
        this.storage = storage;
    }

    /**
     * The figures of one moment.
     *
     * @param values each figure by name, in {@link #NAMES} order
     * @param jobManager the JobManager process the {@code jobmanager_*} figures are from: its
     *     container (the attempt) and pid, or {@code none}
     */
    record Measurement(Map<String, Long> values, String jobManager) {}

    /** The JobManager figures: measured on one process, compared only within one. */
    static boolean perJobManagerProcess(String name) {
        return name.startsWith("jobmanager_");
    }

    /** Measures every figure now. */
    Measurement measure() {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("znodes", link.znodes());
        ContentSummary stored = summary(storage);
        values.put("storage_files", stored == null ? -1 : stored.getFileCount());
        values.put("storage_bytes", stored == null ? -1 : stored.getLength());
        Optional<LocalProcesses.ContainerProcess> am = target.amProcess();
        ContentSummary staged = am.flatMap(p -> ProcessFigures.environment(p.pid(), "SPINDLE_STAGING_DIR"))
                .map(dir -> summary(new Path(dir))).orElse(null);
        values.put("staging_files", staged == null ? -1 : staged.getFileCount());
        values.put("staging_bytes", staged == null ? -1 : staged.getLength());
        values.put("jobmanager_threads", am.flatMap(p -> ProcessFigures.threads(p.pid())).orElse(-1L));
        values.put("jobmanager_fds", am.flatMap(p -> ProcessFigures.openFds(p.pid())).orElse(-1L));
        values.put("jobmanager_heap_after_gc_kb", am.flatMap(p -> ProcessFigures.heapAfterGcKb(p.pid())).orElse(-1L));
        List<LocalProcesses.ContainerProcess> tes = target.taskExecutors();
        values.put("taskexecutor_threads", max(tes, ProcessFigures::threads));
        values.put("taskexecutor_fds", max(tes, ProcessFigures::openFds));
        values.put("taskexecutor_heap_after_gc_kb", max(tes, ProcessFigures::heapAfterGcKb));
        return new Measurement(values, am.map(p -> p.containerId() + " (pid " + p.pid() + ")").orElse("none"));
    }

    private static long max(List<LocalProcesses.ContainerProcess> processes, Function<Long, Optional<Long>> figure) {
        return processes.stream().map(p -> figure.apply(p.pid())).flatMap(Optional::stream)
                .mapToLong(Long::longValue).max().orElse(-1);
    }

    private ContentSummary summary(Path path) {
        try {
            return fs.exists(path) ? fs.getContentSummary(path) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
