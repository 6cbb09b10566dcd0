package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.YarnOptions;
import io.spindle.yarn.common.AmLaunchContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging step of one deployment: decides where the containers' Spindle jars come from and
 * puts everything the ApplicationMaster needs into its {@link StagingDirectory}.
 *
 * <p>Spindle's {@code lib/} is uploaded unless {@code yarn.provided.lib.dirs} (whose files become
 * {@code lib/<name>} resources without being copied) or {@code yarn.container.node-classpath} is
 * set. Always staged: {@code conf/config.yaml} (the effective configuration) and
 * {@code conf/log4j2.xml} (the given Log4j2 configuration, else a built-in one); per job also
 * {@code usrlib/job.jar} and {@code job.properties}.
 *
 * <p>Immutable once built; {@link #stageInto} writes only to the directory it is given, so one
 * instance may serve one deployment from one thread.
 */
final class ApplicationStaging {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationStaging.class);
    private static final String DEFAULT_LOG4J_RESOURCE = "default-log4j2.xml";

    /**
     * What was staged, as the launch context needs it.
     *
     * @param resources the staged files and the provided lib dirs' files, as YARN local resources
     * @param providedLibDirs the provided lib dirs, fully qualified
     */
    record Staged(List<StagedFile> resources, List<String> providedLibDirs) {

        /** Copies the lists. */
        Staged {
            resources = List.copyOf(resources);
            providedLibDirs = List.copyOf(providedLibDirs);
        }
    }

    private final org.apache.hadoop.conf.Configuration hadoopConf;
    private final Configuration config;
    private final Optional<JobDescription> job;
    private final Optional<Path> libToUpload;
    private final Optional<Path> log4jConfig;
    private final List<String> providedLibDirs;
    private final List<String> nodeClasspath;

    private ApplicationStaging(org.apache.hadoop.conf.Configuration hadoopConf, Configuration config,
            Optional<JobDescription> job, Optional<Path> libToUpload, Optional<Path> log4jConfig,
            List<String> providedLibDirs, List<String> nodeClasspath) {
        this.hadoopConf = hadoopConf;
        this.config = config;
        this.job = job;
        this.libToUpload = libToUpload;
        this.log4jConfig = log4jConfig;
        this.providedLibDirs = providedLibDirs;
        this.nodeClasspath = nodeClasspath;
    }

    /**
     * Plans the staging of one deployment; touches no file system.
     *
     * @param hadoopConf the cluster's configuration, to open the provided lib dirs' file systems
     * @param config the effective configuration, staged as {@code conf/config.yaml}
     * @param job the per-job job, or empty for a session
     * @param libDir Spindle's {@code lib/}, if known
     * @param log4jConfig the containers' Log4j2 configuration, if given
     * @throws IllegalConfigurationException if {@code lib/} must be uploaded but none is known
     */
    static ApplicationStaging plan(org.apache.hadoop.conf.Configuration hadoopConf, Configuration config,
            Optional<JobDescription> job, Optional<Path> libDir, Optional<Path> log4jConfig) {
        List<String> providedLibDirs = config.getOptional(YarnOptions.PROVIDED_LIB_DIRS).orElse(List.of()).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<String> nodeClasspath = config.getOptional(YarnOptions.CONTAINER_NODE_CLASSPATH).orElse(List.of());
        Optional<Path> libToUpload = providedLibDirs.isEmpty() && nodeClasspath.isEmpty()
                ? Optional.of(libDir.orElseThrow(() -> new IllegalConfigurationException(
                        "No lib directory to upload: run from a built distribution, or set '"
                                + YarnOptions.PROVIDED_LIB_DIRS.key() + "' or '"
                                + YarnOptions.CONTAINER_NODE_CLASSPATH.key() + "'")))
                : Optional.empty();
        return new ApplicationStaging(hadoopConf, config, job, libToUpload, log4jConfig, providedLibDirs,
                nodeClasspath);
    }

    /** Spindle's {@code lib/} to upload, or empty when the containers get their jars otherwise. */
    Optional<Path> libToUpload() {
        return libToUpload;
    }

    /** {@code yarn.container.node-classpath}: entries on every node, used instead of staged jars. */
    List<String> nodeClasspath() {
        return nodeClasspath;
    }

    /**
     * Uploads and writes the files into {@code staging} and lists the provided lib dirs' files.
     *
     * @throws IOException if a file cannot be read or written; the caller deletes {@code staging}
     */
    Staged stageInto(StagingDirectory staging, ApplicationId appId) throws IOException {
        if (libToUpload.isPresent()) {
            List<Path> jars;
            try (Stream<Path> files = Files.list(libToUpload.get())) {
                jars = files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
            }
            for (Path jar : jars) {
                staging.upload(jar, AmLaunchContract.LIB_DIR + "/" + jar.getFileName());
            }
            LOG.info("Uploaded {} files of {}", jars.size(), libToUpload.get());
        }
        staging.write(AmLaunchContract.CONFIG_FILE, FlatYamlWriter.write(config,
                "Effective configuration of " + appId + ", written by the Spindle YARN client."));
        staging.write(AmLaunchContract.LOG4J_FILE, log4jBytes());
        if (job.isPresent()) {
            staging.upload(job.get().userJar(), AmLaunchContract.USER_JAR);
            staging.write(AmLaunchContract.JOB_PROPERTIES, job.get().stagedJob().encode());
        }
        List<StagedFile> resources = new ArrayList<>(staging.stagedFiles());
        List<String> qualifiedLibDirs = new ArrayList<>();
        for (String dir : providedLibDirs) {
            qualifiedLibDirs.add(addProvidedLibs(dir, resources));
        }
        return new Staged(resources, qualifiedLibDirs);
    }

    private byte[] log4jBytes() throws IOException {
        if (log4jConfig.isPresent() && Files.isRegularFile(log4jConfig.get())) {
            return Files.readAllBytes(log4jConfig.get());
        }
        log4jConfig.ifPresent(p -> LOG.warn("No Log4j2 configuration at {}: containers use the built-in one", p));
        try (InputStream in = ApplicationStaging.class.getResourceAsStream(DEFAULT_LOG4J_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + DEFAULT_LOG4J_RESOURCE + " missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    /** Adds the files of one provided lib dir as {@code lib/<name>}; returns the qualified dir. */
    private String addProvidedLibs(String dir, List<StagedFile> resources) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
        FileSystem dirFs = path.getFileSystem(hadoopConf);
        org.apache.hadoop.fs.Path qualified = dirFs.makeQualified(path);
        FileStatus[] statuses = dirFs.listStatus(qualified);
        Arrays.sort(statuses, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus status : statuses) {
            if (status.isFile()) {
                resources.add(new StagedFile(AmLaunchContract.LIB_DIR + "/" + status.getPath().getName(),
                        status.getPath(), status.getLen(), status.getModificationTime()));
            }
        }
        return qualified.toString();
    }
}
