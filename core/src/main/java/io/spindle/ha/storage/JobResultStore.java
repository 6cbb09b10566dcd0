package io.spindle.ha.storage;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Job results in storageDir ({@code {storageDir}/{clusterId}/job-results/}), written before a
 * finished job's cleanup so that a new leader finishes an interrupted cleanup instead of running
 * a finished job again.
 *
 * <p>Lifecycle of one job's result: {@link #createDirty} writes {@code {jobId}.dirty} (cleanup
 * pending); {@link #markClean} renames it to {@code {jobId}.clean} (cleanup done). A new leader
 * calls {@link #dirtyResults()} and finishes those cleanups; it never recovers a job for which
 * {@link #hasJobResult} is true.
 *
 * <p>Guarantees: a result file is written under a temporary name, forced to durable storage
 * (hsync/fsync), then renamed, so {@code {jobId}.dirty} is complete whenever it exists. Files are
 * 0600, the folder 0700. Each file is human-readable text carrying a CRC32C of its content (see
 * {@link JobResultFormat}); an unreadable file is reported as a {@link StateFileException} naming it.
 *
 * <p>Thread-safe. Not fenced: only the leader calls it, and its operations are idempotent
 * (creating an existing result fails, marking a clean result clean does nothing).
 */
public final class JobResultStore {

    private static final Logger LOG = LoggerFactory.getLogger(JobResultStore.class);

    private static final String DIRTY = ".dirty";
    private static final String CLEAN = ".clean";

    private final PrivateFiles files;
    private final Path directory;
    private volatile boolean directoryReady;

    /**
     * @param fs        the file system of storageDir
     * @param directory the job results folder, normally {@link ClusterStorage#jobResults()}; created (0700) on first write
     */
    public JobResultStore(FileSystem fs, Path directory) {
        this.files = PrivateFiles.of(Objects.requireNonNull(fs, "fs"));
        this.directory = fs.makeQualified(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * @param storage the cluster's storage; results go to {@link ClusterStorage#jobResults()}
     */
    public JobResultStore(ClusterStorage storage) {
        this(storage.fs(), storage.jobResults());
    }

    /** @return the job results folder */
    public Path directory() {
        return directory;
    }

    /**
     * Records a job's result as dirty (cleanup pending), durably.
     *
     * @throws IllegalStateException if a result (dirty or clean) of the job exists already
     * @throws IOException           if the file could not be written (no temporary file is left, best effort)
     */
    public void createDirty(JobResult result) throws IOException {
        String jobId = result.jobId();
        if (hasJobResult(jobId)) {
            throw new IllegalStateException("A result of job " + jobId + " exists already in " + directory);
        }
        ensureDirectory();
        Path temp = new Path(directory, "." + jobId + "." + UUID.randomUUID() + ".tmp");
        Path dirty = dirtyFile(jobId);
        try {
            files.writeNew(temp, JobResultFormat.encode(result), true);
            files.rename(temp, dirty);
        } catch (IOException | RuntimeException e) {
            try {
                files.delete(temp);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
                LOG.warn("Could not delete temporary file {} after a failed write; it is garbage", temp, suppressed);
            }
            throw e;
        }
        LOG.info("Recorded result of job {}: {} in {} (cleanup pending)", jobId, result.status(), dirty);
    }

    /**
     * Marks a job's cleanup as done: renames {@code {jobId}.dirty} to {@code {jobId}.clean}.
     * Marking a clean result clean again does nothing.
     *
     * @throws NoSuchElementException if the job has no result
     * @throws IOException            if the file system fails
     */
    public void markClean(String jobId) throws IOException {
        ChecksummedFileStore.validateName(jobId);
        Path dirty = dirtyFile(jobId);
        Path clean = cleanFile(jobId);
        try {
            files.rename(dirty, clean);
        } catch (FileNotFoundException e) {
            if (files.exists(clean)) {
                return;
            }
            NoSuchElementException missing = new NoSuchElementException("No result of job " + jobId + " in " + directory);
            missing.initCause(e);
            throw missing;
        }
        LOG.info("Cleanup of job {} finished; result marked clean: {}", jobId, clean);
    }

    /** @return true if a result of the job exists, dirty or clean */
    public boolean hasJobResult(String jobId) throws IOException {
        ChecksummedFileStore.validateName(jobId);
        return files.exists(dirtyFile(jobId)) || files.exists(cleanFile(jobId));
    }

    /** @return true if the job's result exists and is marked dirty (cleanup pending) */
    public boolean hasDirtyResult(String jobId) throws IOException {
        ChecksummedFileStore.validateName(jobId);
        return files.exists(dirtyFile(jobId));
    }

    /** @return true if the job's result exists and is marked clean (cleanup done) */
    public boolean hasCleanResult(String jobId) throws IOException {
        ChecksummedFileStore.validateName(jobId);
        return files.exists(cleanFile(jobId));
    }

    /**
     * @return the job's result, dirty or clean; empty if there is none
     * @throws StateFileException if the result file is unreadable
     * @throws IOException        if the file system fails
     */
    public Optional<JobResult> get(String jobId) throws IOException {
        ChecksummedFileStore.validateName(jobId);
        for (Path file : new Path[] {dirtyFile(jobId), cleanFile(jobId)}) {
            try {
                return Optional.of(read(file, jobId));
            } catch (FileNotFoundException e) {
                // try the other one
            }
        }
        return Optional.empty();
    }

    /**
     * @return the dirty results (cleanup pending) by job id, and separately the dirty files that
     *     are unreadable (each exception names its file); both logged
     * @throws IOException if the folder cannot be listed or a file system failure other than a
     *                     corrupt file occurs
     */
    public Recovered<JobResult> dirtyResults() throws IOException {
        Map<String, JobResult> results = new TreeMap<>();
        Map<String, StateFileException> failures = new LinkedHashMap<>();
        for (String name : files.list(directory)) {
            if (name.startsWith(".") || !name.endsWith(DIRTY)) {
                continue;
            }
            String jobId = name.substring(0, name.length() - DIRTY.length());
            try {
                results.put(jobId, read(new Path(directory, name), jobId));
            } catch (FileNotFoundException e) {
                // marked clean meanwhile
            } catch (StateFileException e) {
                failures.put(jobId, e);
                LOG.warn("Unreadable job result of job {}: {}", jobId, e.getMessage());
            }
        }
        if (!results.isEmpty() || !failures.isEmpty()) {
            LOG.info("Found {} job results with cleanup pending in {}{}", results.size(), directory,
                    failures.isEmpty() ? "" : " and " + failures.size() + " unreadable: " + failures.keySet());
        }
        return new Recovered<>(new TreeMap<>(results), new TreeMap<>(failures));
    }

    /**
     * Every result, dirty or clean: the history of the cluster's ended jobs. Costs one read per
     * result. An unreadable file is logged and left out.
     *
     * @return the results, by the time the jobs ended (oldest first)
     * @throws IOException if the folder cannot be listed or the file system fails
     */
    public List<JobResult> all() throws IOException {
        List<JobResult> all = new ArrayList<>();
        for (String name : files.list(directory)) {
            String suffix = name.endsWith(DIRTY) ? DIRTY : name.endsWith(CLEAN) ? CLEAN : null;
            if (name.startsWith(".") || suffix == null) {
                continue;
            }
            String jobId = name.substring(0, name.length() - suffix.length());
            Optional<JobResult> result = readForHistory(new Path(directory, name), jobId);
            if (result.isEmpty() && suffix.equals(DIRTY)) {
                // marked clean since the listing (the only rename): read it under its new name
                result = readForHistory(cleanFile(jobId), jobId);
            }
            result.ifPresent(all::add);
        }
        Map<String, JobResult> byJob = new LinkedHashMap<>();
        all.forEach(result -> byJob.putIfAbsent(result.jobId(), result));
        List<JobResult> sorted = new ArrayList<>(byJob.values());
        sorted.sort(java.util.Comparator.comparing(JobResult::finishedAt));
        return sorted;
    }

    /**
     * Deletes the oldest clean results (by the time their file was written, when the job ended) so
     * that at most {@code keep} remain; dirty results (cleanup pending) are never deleted.
     *
     * @return the ids of the jobs whose results were deleted, oldest first
     * @throws IllegalArgumentException if {@code keep} is below 1
     * @throws IOException if the folder cannot be listed or a file not deleted
     */
    public List<String> pruneCleanResults(int keep) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, not " + keep);
        }
        List<Map.Entry<String, Long>> clean = new ArrayList<>();
        files.modificationTimes(directory).forEach((name, modified) -> {
            if (!name.startsWith(".") && name.endsWith(CLEAN)) {
                clean.add(Map.entry(name.substring(0, name.length() - CLEAN.length()), modified));
            }
        });
        if (clean.size() <= keep) {
            return List.of();
        }
        clean.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<String, Long> oldest : clean.subList(0, clean.size() - keep)) {
            files.delete(cleanFile(oldest.getKey()));
            deleted.add(oldest.getKey());
        }
        LOG.info("Deleted the results of {} ended jobs beyond the {} retained: {}", deleted.size(), keep, deleted);
        return deleted;
    }

    private Path dirtyFile(String jobId) {
        return new Path(directory, jobId + DIRTY);
    }

    private Path cleanFile(String jobId) {
        return new Path(directory, jobId + CLEAN);
    }

    private void ensureDirectory() throws IOException {
        if (!directoryReady) {
            synchronized (this) {
                if (!directoryReady) {
                    if (!files.exists(directory)) {
                        files.mkdirs(directory);
                        LOG.info("Created job results folder {} (permission 0700)", directory);
                    }
                    directoryReady = true;
                }
            }
        }
    }

    /** The result in {@code file}; empty if it is gone or unreadable (logged). */
    private Optional<JobResult> readForHistory(Path file, String jobId) throws IOException {
        try {
            return Optional.of(read(file, jobId));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (StateFileException e) {
            LOG.warn("Unreadable job result of job {} left out of the job history: {}", jobId, e.getMessage());
            return Optional.empty();
        }
    }

    private JobResult read(Path file, String expectedJobId) throws IOException {
        return JobResultFormat.decode(files.read(file, JobResultFormat.MAX_FILE + 1), file.toString(), expectedJobId);
    }
}
