package io.spindle.runtime.jobmanager;

import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.Recovered;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.ha.zookeeper.ZooKeeperLeaderFence;
import io.spindle.ha.zookeeper.ZooKeeperPointerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submitted jobs: user jars and job graph files in storageDir, one pointer per job under
 * {@code jobgraphs/} in ZooKeeper.
 *
 * <p>Guarantees: {@link #store} returns only once the jar and the job graph are durable and the
 * pointer is in ZooKeeper; if it fails, neither the jar nor the job graph is left behind (unless
 * ZooKeeper could not tell whether the pointer was written, in which case the files stay rather
 * than risk a dangling pointer). {@link #remove} deletes the pointer first, then the files.
 *
 * <p>Thread-safe.
 */
public final class JobGraphStore {

    private static final Logger LOG = LoggerFactory.getLogger(JobGraphStore.class);

    private final ZooKeeperPointerStore pointers;
    private final ChecksummedFileStore jars;

    /**
     * @param client the cluster's ZooKeeper client
     * @param storage the cluster's storageDir
     * @param ioExecutor runs file I/O for the pointer store
     */
    public JobGraphStore(CuratorFramework client, ClusterStorage storage, Executor ioExecutor) {
        this.pointers = new ZooKeeperPointerStore(client, ZooKeeperLayout.JOBGRAPHS,
                new ChecksummedFileStore(storage.fs(), storage.jobGraphs()), ioExecutor);
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
     * Stores the job graph and its pointer; the jar must have been stored with {@link #storeJar}.
     * On failure the jar is deleted too (see the class comment for the one exception).
     *
     * @throws LeadershipLostException if this JobManager is no longer the leader
     */
    public void store(JobGraph graph, ZooKeeperLeaderFence fence)
            throws IOException, KeeperException, InterruptedException, LeadershipLostException {
        boolean stored = false;
        try {
            pointers.put(graph.jobId(), graph.toBytes(), fence);
            stored = true;
        } catch (KeeperException.ConnectionLossException e) {
            LOG.warn("Job {}: ZooKeeper connection lost while storing its graph; keeping jar {} in case it was stored",
                    graph.jobId(), graph.jar().path());
            stored = true; // outcome unknown: keep the jar, never risk a dangling reference
            throw e;
        } finally {
            if (!stored) {
                deleteQuietly(graph.jar());
            }
        }
    }

    /** Reads the user jar of a job, verified. */
    public byte[] readJar(JobGraph graph) throws IOException {
        return jars.read(graph.jar());
    }

    /**
     * Every stored job graph, verified; damaged ones are reported as failures, not thrown.
     */
    public Recovered<JobGraph> recoverAll() throws KeeperException, IOException, InterruptedException {
        Recovered<byte[]> raw = pointers.recoverAll();
        Map<String, JobGraph> graphs = new TreeMap<>();
        Map<String, StateFileException> failures = new TreeMap<>(raw.failures());
        raw.entries().forEach((jobId, bytes) -> {
            try {
                graphs.put(jobId, JobGraph.fromBytes(bytes, pointers.folder() + "/" + jobId));
            } catch (StateFileException e) {
                failures.put(jobId, e);
            }
        });
        return new Recovered<>(new TreeMap<>(graphs), new TreeMap<>(failures));
    }

    /**
     * Removes a job's pointer, then its job graph file and jar. Absent entries are fine.
     *
     * @throws LeadershipLostException if this JobManager is no longer the leader
     */
    public void remove(JobGraph graph, ZooKeeperLeaderFence fence)
            throws IOException, KeeperException, InterruptedException, LeadershipLostException {
        removePointer(graph.jobId(), fence);
        deleteQuietly(graph.jar());
    }

    /** Removes a job's pointer and job graph file when only the id is known (a damaged graph). */
    public void removePointer(String jobId, ZooKeeperLeaderFence fence)
            throws IOException, KeeperException, InterruptedException, LeadershipLostException {
        try {
            pointers.remove(jobId, fence);
        } catch (KeeperException.NoNodeException e) {
            LOG.debug("Job graph pointer of {} was already gone", jobId);
        }
    }

    private void deleteQuietly(StatePointer pointer) {
        try {
            jars.delete(pointer);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {} (an orphaned file, harmless)", pointer.path(), e.getMessage());
        }
    }
}
