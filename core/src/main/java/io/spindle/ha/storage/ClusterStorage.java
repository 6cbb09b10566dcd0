package io.spindle.ha.storage;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * Where one cluster's recovery data lives in storageDir:
 *
 * <pre>
 * {high-availability.storageDir}/{cluster-id}/
 *   jobgraphs/               job graph files (pointers in ZooKeeper /jobgraphs)
 *   checkpoints/{jobId}/     checkpoint metadata files (pointers in /checkpoints/{jobId}/completed)
 *   job-results/             job results, dirty until their cleanup finished
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param fs         the file system of storageDir
 * @param clusterDir {@code storageDir/cluster-id}, fully qualified
 */
public record ClusterStorage(FileSystem fs, Path clusterDir) {

    /** Folder of job graph files. */
    public static final String JOBGRAPHS = "jobgraphs";
    /** Folder of per-job checkpoint folders. */
    public static final String CHECKPOINTS = "checkpoints";
    /** Folder of job results. */
    public static final String JOB_RESULTS = "job-results";
    /** Folder of user jars, referenced from job graphs. */
    public static final String JARS = "jars";
    /** Folder of per-job task state folders, referenced from checkpoint metadata. */
    public static final String TASK_STATE = "task-state";

    /**
     * @param conf       the Spindle configuration ({@code high-availability.storageDir}, {@code high-availability.cluster-id})
     * @param hadoopConf the Hadoop configuration used to reach storageDir
     * @return the cluster's storage
     * @throws io.spindle.configuration.IllegalConfigurationException if storageDir is not set
     * @throws IOException if the file system of storageDir cannot be reached
     */
    public static ClusterStorage of(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf) throws IOException {
        Path root = new Path(conf.getRequired(HighAvailabilityOptions.STORAGE_DIR));
        return under(root, conf.get(HighAvailabilityOptions.CLUSTER_ID), hadoopConf);
    }

    /**
     * @param storageDir the storageDir
     * @param clusterId  the cluster id, with or without leading slash
     * @param hadoopConf the Hadoop configuration used to reach storageDir
     * @return the cluster's storage
     * @throws IOException if the file system cannot be reached
     */
    public static ClusterStorage under(Path storageDir, String clusterId, org.apache.hadoop.conf.Configuration hadoopConf)
            throws IOException {
        String id = clusterId.strip().replaceAll("^/+|/+$", "");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("Empty cluster-id ('" + HighAvailabilityOptions.CLUSTER_ID.key() + "')");
        }
        FileSystem fs = storageDir.getFileSystem(hadoopConf);
        return new ClusterStorage(fs, fs.makeQualified(new Path(storageDir, id)));
    }

    /** @return the folder of job graph files */
    public Path jobGraphs() {
        return new Path(clusterDir, JOBGRAPHS);
    }

    /** @return the folder holding every job's checkpoint folder */
    public Path checkpoints() {
        return new Path(clusterDir, CHECKPOINTS);
    }

    /**
     * @param jobId the job
     * @return the folder of the job's checkpoint metadata files
     */
    public Path checkpoints(String jobId) {
        return new Path(checkpoints(), jobId);
    }

    /** @return the folder of user jars */
    public Path jars() {
        return new Path(clusterDir, JARS);
    }

    /**
     * @param jobId the job
     * @return the folder of the job's task state files (written by TaskExecutors at checkpoints)
     */
    public Path taskState(String jobId) {
        return new Path(new Path(clusterDir, TASK_STATE), jobId);
    }

    /** @return the folder of job results */
    public Path jobResults() {
        return new Path(clusterDir, JOB_RESULTS);
    }
}
