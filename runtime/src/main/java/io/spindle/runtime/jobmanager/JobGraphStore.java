package io.spindle.runtime.jobmanager;

import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.PointerStore;
import io.spindle.ha.WriteOutcomeUnknownException;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.Recovered;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submitted jobs: user jars and job graph files in storageDir, one pointer per job in the HA
 * backend's job graph store.
 *
 * <p>Guarantees: {@link #store} returns only once the jar and the job graph are durable and the
 * pointer is stored; if it fails, neither the jar nor the job graph is left behind (unless the
 * backend could not tell whether the pointer was written, in which case the files stay rather
 * than risk a dangling pointer). Removal (see {@link JobCleanup}) deletes the pointer first, then
 * the files.
 *
 * <p>Thread-safe.
 */
public final class JobGraphStore {

    private static final Logger LOG = LoggerFactory.getLogger(JobGraphStore.class);

    private final PointerStore pointers;
    private final ChecksummedFileStore jars;

    /**
     * @param pointers the HA backend's job graph pointers
     * @param storage the cluster's storageDir (for the jars)
     */
    public JobGraphStore(PointerStore pointers, ClusterStorage storage) {
        this.pointers = pointers;
        this.jars = new ChecksummedFileStore(storage.fs(), storage.jars());
    }

    /**
     * Copies the user jar into storageDir; the first half of a submission.
     *
     * @throws IOException if the jar cannot be read or written
     */
    public StatePointer storeJar(String jobId, Path localJar) throws IOException {
        return jars.write("job-" + jobId + ".jar", Files.readAllBytes(localJar));
    }

    /**
     * Stores a submitted job: its jar, then its graph and pointer ({@link #storeJar}, {@link #store}).
     * A job without a name is named after its entry class's simple name.
     *
     * @param bounded whether the job ends by itself (its graph says so to every later leader)
     * @return the stored graph
     * @throws LeadershipLostException if this JobManager is no longer the leader
     */
    public JobGraph storeSubmission(String jobId, JobSubmission submission, boolean bounded, LeaderFence fence)
            throws IOException, InterruptedException, LeadershipLostException {
        String name = submission.name() == null || submission.name().isBlank()
                ? submission.entryClass().substring(submission.entryClass().lastIndexOf('.') + 1)
                : submission.name();
        StatePointer jar = storeJar(jobId, submission.jar());
        JobGraph graph = new JobGraph(jobId, name, submission.entryClass(), submission.arguments(),
                submission.parallelism(), jar, Instant.now(), bounded);
        store(graph, fence);
        return graph;
    }

    /**
     * Stores the job graph and its pointer; the jar must have been stored with {@link #storeJar}.
     * On failure the jar is deleted too (see the class comment for the one exception).
     *
     * @throws LeadershipLostException if this JobManager is no longer the leader
     */
    public void store(JobGraph graph, LeaderFence fence) throws IOException, InterruptedException, LeadershipLostException {
        boolean stored = false;
        try {
            pointers.put(graph.jobId(), graph.toBytes(), fence);
            stored = true;
        } catch (WriteOutcomeUnknownException e) {
            LOG.warn("Job {}: the answer to storing its graph was lost; keeping jar {} in case it was stored",
                    graph.jobId(), graph.jar().path());
            stored = true; // outcome unknown: keep the jar, never risk a dangling reference
            throw e;
        } finally {
            if (!stored) {
                deleteJar(graph.jar());
            }
        }
    }

    /**
     * Rewrites a stored job graph with its new counts (the rest must be as stored): a new file,
     * then its pointer, fenced.
     *
     * @throws java.util.NoSuchElementException if the job has no stored graph (it ended meanwhile)
     * @throws LeadershipLostException if this JobManager is no longer the leader
     */
    public void storeCounts(JobGraph graph, LeaderFence fence)
            throws IOException, InterruptedException, LeadershipLostException {
        pointers.replace(graph.jobId(), graph.toBytes(), fence);
    }

    /** Reads the user jar of a job, verified. */
    public byte[] readJar(JobGraph graph) throws IOException {
        return jars.read(graph.jar());
    }

    /**
     * Every stored job graph, verified; damaged ones are reported as failures, not thrown.
     */
    public Recovered<JobGraph> recoverAll() throws IOException, InterruptedException {
        Recovered<byte[]> raw = pointers.recoverAll();
        Map<String, JobGraph> graphs = new TreeMap<>();
        Map<String, StateFileException> failures = new TreeMap<>(raw.failures());
        raw.entries().forEach((jobId, bytes) -> {
            try {
                graphs.put(jobId, JobGraph.fromBytes(bytes, pointers.area() + "/" + jobId));
            } catch (StateFileException e) {
                failures.put(jobId, e);
            }
        });
        return new Recovered<>(new TreeMap<>(graphs), new TreeMap<>(failures));
    }

    /** Deletes a jar whose job graph pointer is gone (or was never written); a failure leaves garbage. */
    void deleteJar(StatePointer jar) {
        try {
            jars.delete(jar);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {} (an orphaned file, harmless)", jar.path(), e.getMessage());
        }
    }
}
