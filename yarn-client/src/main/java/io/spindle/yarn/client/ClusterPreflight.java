package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.HighAvailabilityRequirements;
import io.spindle.configuration.HighAvailabilityType;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.configuration.MemorySize;
import io.spindle.configuration.TaskManagerOptions;
import io.spindle.configuration.YarnOptions;
import io.spindle.runtime.jobmanager.JobSubmission;
import io.spindle.runtime.jobmanager.JobSubmissionException;
import io.spindle.runtime.jobmanager.JobSubmissionValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.QueueInfo;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks a submission runs before it creates anything on the cluster, each failing with one
 * line that names the key, host or file to fix:
 * <ul>
 *   <li>{@link #checkLocal}: high availability on, with its quorum (well-formed) and storageDir
 *       ({@link HighAvailabilityRequirements}); the user jar exists and is a jar; its entry class is
 *       a job that accepts its arguments ({@link #checkJob}); Spindle's lib directory exists (no
 *       cluster access);
 *   <li>{@link #checkCluster}: the ResourceManager answers (bounded by the client's connect
 *       settings, see {@link ResourceManagerConnection}), the queue exists, provided lib dirs exist;
 *       ZooKeeper answers ({@link ZooKeeperReachability}) and the storageDir is reachable and
 *       writable for the user ({@link StorageDirAccess}), each within a bound; nothing is written;
 *   <li>{@link #checkContainerSizes}: the JobManager and TaskExecutor containers fit YARN's
 *       maximum allocation (known once an application id was requested; nothing is submitted).
 * </ul>
 *
 * <p>Configuration mistakes throw {@link IllegalConfigurationException}; an unreachable or failing
 * service throws {@link ClusterDeploymentException}. Stateless apart from its collaborators; use
 * from one thread.
 */
public final class ClusterPreflight {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPreflight.class);

    private final Configuration config;
    private final ClusterSpecification spec;
    private final Duration probeBound;

    /**
     * Checks for {@code config} and the specification derived from it.
     *
     * @param probeBound how long each probe of ZooKeeper and the storageDir may take
     */
    public ClusterPreflight(Configuration config, ClusterSpecification spec, Duration probeBound) {
        this.config = config;
        this.spec = spec;
        this.probeBound = probeBound;
    }

    /**
     * Checks what needs no cluster.
     *
     * @param job the per-job job, or empty for a session
     * @param libDir Spindle's lib directory to upload, or empty when none is uploaded
     * @throws IllegalConfigurationException naming the key or file that is wrong
     */
    public void checkLocal(Optional<JobDescription> job, Optional<Path> libDir) {
        if (config.get(HighAvailabilityOptions.TYPE) != HighAvailabilityType.ZOOKEEPER) {
            throw new IllegalConfigurationException("Spindle on YARN needs '" + HighAvailabilityOptions.TYPE.key()
                    + ": zookeeper' (the JobManager is elected and keeps its recovery data through ZooKeeper); set it"
                    + " with " + HighAvailabilityOptions.ZOOKEEPER_QUORUM.key() + " and "
                    + HighAvailabilityOptions.STORAGE_DIR.key() + " in config.yaml or with -D");
        }
        HighAvailabilityRequirements.check(config);
        if (config.contains(HighAvailabilityOptions.CLUSTER_ID)) {
            LOG.warn("'{}' is set: the ApplicationMaster uses it instead of the application id, and refuses to"
                    + " start if another running application leads it", HighAvailabilityOptions.CLUSTER_ID.key());
        }
        job.ifPresent(j -> {
            checkUserJar(j.userJar());
            checkJob(j);
        });
        libDir.ifPresent(dir -> {
            if (!Files.isDirectory(dir)) {
                throw new IllegalConfigurationException("Spindle's lib directory '" + dir + "' does not exist: run"
                        + " from a built distribution, or set '" + YarnOptions.PROVIDED_LIB_DIRS.key() + "'");
            }
        });
    }

    static void checkUserJar(Path jar) {
        if (!Files.exists(jar)) {
            throw new IllegalConfigurationException("User jar '" + jar + "' does not exist");
        }
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new IllegalConfigurationException("User jar '" + jar + "' is not a readable file");
        }
        try (JarFile opened = new JarFile(jar.toFile())) {
            // opening reads the zip's central directory: enough to tell a jar from anything else
            LOG.debug("User jar {} has {} entries", jar, opened.size());
        } catch (IOException e) {
            throw new IllegalConfigurationException("User jar '" + jar + "' is not a jar file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Loads the entry class from the user jar in a throw-away class loader and runs the checks the
     * JobManager would run at submission ({@link JobSubmissionValidator}): the class is present, is a
     * job with a public no-argument constructor, and accepts its arguments ({@code Job.validate}).
     *
     * @throws IllegalConfigurationException with the JobManager's one-line refusal
     */
    public static void checkJob(JobDescription job) {
        try {
            JobSubmissionValidator.validate(new JobSubmission(job.name(), job.userJar(), job.entryClass(),
                    job.arguments(), job.parallelism()));
        } catch (JobSubmissionException e) {
            throw new IllegalConfigurationException(e.getMessage(), e);
        }
    }

    /**
     * Checks the ResourceManager, the queue and the provided lib dirs, then that ZooKeeper answers
     * and the storageDir is writable (each within the preflight bound).
     *
     * @throws ClusterDeploymentException if the ResourceManager cannot be reached (naming its address
     *     and key) or a file system cannot be read
     * @throws IllegalConfigurationException if the queue or a provided lib dir does not exist, or the
     *     storageDir's host is unknown or the user may not write there
     */
    public void checkCluster(YarnClient yarn, ResourceManagerConnection rm, FileSystem defaultFs)
            throws ClusterDeploymentException {
        rm.checkReachable(yarn);
        QueueInfo queue;
        try {
            queue = yarn.getQueueInfo(spec.queue());
        } catch (YarnException | IOException e) {
            LOG.debug("getQueueInfo({}) failed", spec.queue(), e);
            queue = null;
        }
        if (queue == null) {
            throw new IllegalConfigurationException("Queue '" + spec.queue() + "' does not exist in YARN"
                    + " (key '" + YarnOptions.APPLICATION_QUEUE.key() + "'" + originOf(YarnOptions.APPLICATION_QUEUE.key())
                    + ")");
        }
        LOG.info("Queue '{}': state {}, capacity {}", spec.queue(), queue.getQueueState(), queue.getCapacity());
        for (String dir : config.getOptional(YarnOptions.PROVIDED_LIB_DIRS).orElse(List.of())) {
            checkProvidedLibDir(dir.strip(), defaultFs);
        }
        ZooKeeperReachability.check(config, probeBound);
        StorageDirAccess.check(config, defaultFs.getConf(), probeBound);
    }

    private void checkProvidedLibDir(String dir, FileSystem defaultFs) throws ClusterDeploymentException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
        try {
            FileSystem fs = path.getFileSystem(defaultFs.getConf());
            FileStatus status = fs.exists(path) ? fs.getFileStatus(path) : null;
            if (status == null || !status.isDirectory()) {
                throw new IllegalConfigurationException("Directory '" + dir + "' of '"
                        + YarnOptions.PROVIDED_LIB_DIRS.key() + "' does not exist");
            }
        } catch (IOException e) {
            throw new ClusterDeploymentException("Cannot read '" + dir + "' of '" + YarnOptions.PROVIDED_LIB_DIRS.key()
                    + "': " + e.getMessage(), e);
        }
    }

    /**
     * Checks that the JobManager and TaskExecutor containers fit {@code maximum}, the largest
     * container YARN allocates.
     *
     * @throws IllegalConfigurationException naming the key and both sizes
     */
    public void checkContainerSizes(Resource maximum) {
        checkSize(JobManagerOptions.PROCESS_SIZE.key(), "JobManager", spec.jobManagerMemory(), maximum);
        checkSize(TaskManagerOptions.PROCESS_SIZE.key(), "TaskExecutor", spec.taskManagerMemory(), maximum);
    }

    private void checkSize(String key, String what, MemorySize size, Resource maximum) {
        long maxMb = maximum.getMemorySize();
        if (size.mebiBytes() > maxMb) {
            throw new IllegalConfigurationException("The " + what + " container (" + key + ": " + size.mebiBytes()
                    + " MB" + originOf(key) + ") is larger than YARN's maximum container size of " + maxMb + " MB ("
                    + YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB + "): lower " + key);
        }
        if (size.mebiBytes() < 1) {
            throw new IllegalConfigurationException("The " + what + " container (" + key + ": " + size
                    + ") is smaller than 1 MB");
        }
    }

    private String originOf(String key) {
        return config.origin(key).map(o -> ", " + o.describe()).orElse("");
    }

    /** For log lines: the timeout as seconds. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
