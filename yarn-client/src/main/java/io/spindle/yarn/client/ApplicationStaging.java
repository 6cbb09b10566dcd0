package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.YarnOptions;
import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.LibDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging step of one deployment: decides where the containers' Spindle jars come from and
 * puts everything the ApplicationMaster needs into its {@link StagingDirectory}.
 *
 * <p>Spindle's {@code lib/} is used unless {@code yarn.provided.lib.dirs} (whose files become
 * {@code lib/<name>} resources without being copied) or {@code yarn.container.node-classpath} is
 * set. It is published once into the {@link SharedLibrary} and reused from there (its folder is
 * passed on like a provided lib dir), or, with {@code yarn.shared-lib.enabled: false}, uploaded
 * into the staging dir. Always staged: {@code conf/config.yaml} (the effective configuration) and
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
     * @param providedLibDirs the provided lib dirs and the shared lib folder, fully qualified
     * @param libFilesUploaded how many files of {@code lib/} this staging uploaded (0 when reused or provided)
     * @param libBytesUploaded their bytes
     */
    record Staged(List<StagedFile> resources, List<String> providedLibDirs, int libFilesUploaded,
            long libBytesUploaded) {

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
    private final boolean sharedLib;

    private ApplicationStaging(org.apache.hadoop.conf.Configuration hadoopConf, Configuration config,
            Optional<JobDescription> job, Optional<Path> libToUpload, Optional<Path> log4jConfig,
            List<String> providedLibDirs, List<String> nodeClasspath, boolean sharedLib) {
        this.hadoopConf = hadoopConf;
        this.config = config;
        this.job = job;
        this.libToUpload = libToUpload;
        this.log4jConfig = log4jConfig;
        this.providedLibDirs = providedLibDirs;
        this.nodeClasspath = nodeClasspath;
        this.sharedLib = sharedLib;
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
                nodeClasspath, config.get(YarnOptions.SHARED_LIB));
    }

    /** Spindle's {@code lib/} to upload, or empty when the containers get their jars otherwise. */
    Optional<Path> libToUpload() {
        return libToUpload;
    }

    /** Whether {@code lib/} goes to the shared, content-keyed folder (else into the staging dir). */
    boolean sharedLib() {
        return sharedLib && libToUpload.isPresent();
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
        List<String> libDirs = new ArrayList<>(providedLibDirs);
        int filesUploaded = 0;
        long bytesUploaded = 0;
        if (sharedLib()) {
            SharedLibrary.Published shared = SharedLibrary.of(staging.fileSystem(), libToUpload.get()).publish();
            libDirs.add(shared.dir().toString());
            filesUploaded = shared.uploadedFiles();
            bytesUploaded = shared.uploadedBytes();
        } else if (libToUpload.isPresent()) {
            List<Path> jars;
            try (Stream<Path> files = Files.list(libToUpload.get())) {
                jars = files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
            }
            for (Path jar : jars) {
                bytesUploaded += staging.upload(jar, AmLaunchContract.LIB_DIR + "/" + jar.getFileName()).size();
            }
            filesUploaded = jars.size();
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
        for (String dir : libDirs) {
            qualifiedLibDirs.add(addLibDir(dir, resources));
        }
        return new Staged(resources, qualifiedLibDirs, filesUploaded, bytesUploaded);
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

    /** Adds the files of one lib folder as {@code lib/<name>}; returns the qualified folder. */
    private String addLibDir(String dir, List<StagedFile> resources) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
        FileSystem dirFs = path.getFileSystem(hadoopConf);
        org.apache.hadoop.fs.Path qualified = dirFs.makeQualified(path);
        for (LibDirectory.Entry entry : LibDirectory.list(dirFs, qualified)) {
            resources.add(new StagedFile(entry.relativePath(), entry.path(), entry.size(), entry.modificationTime(),
                    entry.visibility()));
        }
        return qualified.toString();
    }
}
