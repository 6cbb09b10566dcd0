package io.spindle.yarn.client;

import io.spindle.configuration.MemorySize;
import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.ContainerJvm;
import io.spindle.yarn.common.ContainerJvmOptions;
import io.spindle.yarn.common.ContainerLogging;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.URL;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Builds the ApplicationMaster's {@link ContainerLaunchContext}:
 * <ul>
 *   <li>a local resource for every staged file (visibility APPLICATION; lib folders' jars PRIVATE
 *       or PUBLIC, see {@link io.spindle.yarn.common.LibDirectory}), under its relative path
 *       (so {@code conf/config.yaml} is {@code conf/config.yaml} in the container's working dir);
 *   <li>{@code CLASSPATH}: {@code conf}, {@code lib/*}, then YARN's application classpath
 *       ({@code yarn.application.classpath}); with a node classpath ({@code yarn.container.node-classpath}),
 *       {@code conf} then its entries;
 *   <li>{@code JAVA_HOME} set explicitly, plus the variables of {@link AmLaunchContract};
 *   <li>the command {@code {{JAVA_HOME}}/bin/java -Xmx<heap> <logging options> <main> 1><LOG_DIR>/stdout
 *       2><LOG_DIR>/stderr}, the heap following {@link #heapSize(MemorySize)}, the logging options those of
 *       {@link ContainerLogging} (Log4j2 to {@code <LOG_DIR>/spindle.log}, rolled and capped), followed by
 *       those of {@link ContainerJvmOptions}: with the AppCDS archive among the files, the jars lead the
 *       classpath by relative path and the command resets their modification times first.
 * </ul>
 *
 * <p>Not thread-safe: a builder is filled in and built by one thread.
 */
public final class AmLaunchContextBuilder {

    private final List<StagedFile> files = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String mainClass = AmLaunchContract.AM_MAIN_CLASS;
    private MemorySize processSize;
    private String javaHome;
    private List<String> nodeClasspath = List.of();
    private Configuration hadoopConf = new YarnConfiguration();
    private ContainerLogging logging = ContainerLogging.defaults();
    private ContainerJvmOptions jvmOptions = ContainerJvmOptions.defaults();

    /** Adds local resources for {@code staged}. */
    public AmLaunchContextBuilder files(List<StagedFile> staged) {
        files.addAll(staged);
        return this;
    }

    /** Sets one environment variable. */
    public AmLaunchContextBuilder env(String name, String value) {
        environment.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    /** The main class; default {@link AmLaunchContract#AM_MAIN_CLASS}. */
    public AmLaunchContextBuilder mainClass(String mainClass) {
        this.mainClass = Objects.requireNonNull(mainClass);
        return this;
    }

    /** The container's total memory; the heap is derived from it. Required. */
    public AmLaunchContextBuilder processSize(MemorySize processSize) {
        this.processSize = Objects.requireNonNull(processSize);
        return this;
    }

    /**
     * {@code JAVA_HOME} of the container (a path on the cluster's nodes). Optional: without it the
     * NodeManager's own {@code JAVA_HOME} applies (it is in YARN's default env whitelist).
     */
    public AmLaunchContextBuilder javaHome(String javaHome) {
        this.javaHome = Objects.requireNonNull(javaHome);
        return this;
    }

    /**
     * Classpath entries present on every NodeManager host ({@code yarn.container.node-classpath}):
     * when not empty, they replace {@code lib/*} and YARN's application classpath.
     */
    public AmLaunchContextBuilder nodeClasspath(List<String> entries) {
        this.nodeClasspath = List.copyOf(entries);
        return this;
    }

    /** How the AM logs; {@link ContainerLogging#defaults()} unless set. */
    public AmLaunchContextBuilder logging(ContainerLogging logging) {
        this.logging = Objects.requireNonNull(logging);
        return this;
    }

    /** The AppCDS archive and extra JVM options; {@link ContainerJvmOptions#defaults()} unless set. */
    public AmLaunchContextBuilder jvmOptions(ContainerJvmOptions jvmOptions) {
        this.jvmOptions = Objects.requireNonNull(jvmOptions);
        return this;
    }

    /** The configuration whose {@code yarn.application.classpath} is used. */
    public AmLaunchContextBuilder hadoopConf(Configuration conf) {
        this.hadoopConf = Objects.requireNonNull(conf);
        return this;
    }

    /**
     * The heap for a JVM of {@code processSize} total memory: the process size minus an overhead of
     * a quarter of it, at least 128 MB and at most 1 GB; never below 64 MB.
     */
    public static MemorySize heapSize(MemorySize processSize) {
        return ContainerJvm.heap(processSize);
    }

    /** The classpath, entries separated by YARN's cross-platform separator. */
    String classpath() {
        return ContainerJvm.classpath(jvmOptions.sharedClasspath(resourcePaths()), nodeClasspath, hadoopConf);
    }

    /** The command line. */
    String command() {
        List<String> words = new ArrayList<>(jvmOptions.commandPrefix(resourcePaths()));
        words.add(Environment.JAVA_HOME.$$() + "/bin/java");
        words.add("-Xmx" + heapSize(processSize).mebiBytes() + "m");
        words.addAll(logging.jvmOptions());
        words.addAll(jvmOptions.jvmOptions(resourcePaths()));
        words.add(mainClass);
        words.addAll(ContainerLogging.redirections());
        return String.join(" ", words);
    }

    private List<String> resourcePaths() {
        return files.stream().map(StagedFile::relativePath).toList();
    }

    /**
     * The launch context.
     *
     * @throws IllegalStateException if the process size or Java home was not set
     */
    public ContainerLaunchContext build() {
        if (processSize == null) {
            throw new IllegalStateException("processSize is required");
        }
        Map<String, LocalResource> resources = new LinkedHashMap<>();
        for (StagedFile file : files) {
            resources.put(file.relativePath(), LocalResource.newInstance(URL.fromPath(file.path()),
                    LocalResourceType.FILE, file.visibility(), file.size(), file.modificationTime()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (javaHome != null) {
            env.put(Environment.JAVA_HOME.name(), javaHome);
        }
        env.put(Environment.CLASSPATH.name(), classpath());
        env.putAll(environment);
        return ContainerLaunchContext.newInstance(resources, env, List.of(command()), null, null, null);
    }
}
