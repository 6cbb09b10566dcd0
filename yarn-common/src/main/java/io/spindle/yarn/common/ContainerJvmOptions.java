package io.spindle.yarn.common;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.YarnOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.yarn.api.ApplicationConstants;

/**
 * The JVM options of Spindle's containers beyond heap and logging, the same for the
 * ApplicationMaster (set up by the client) and the TaskExecutors (set up by the AM): the AppCDS
 * archive the distribution ships, and the user's extra options.
 *
 * <p><b>Class-data sharing.</b> The distribution's build dumps {@link #CDS_ARCHIVE} from the classes
 * the AM and the TaskExecutor load, with the jars of {@code lib/} on the classpath as
 * {@code lib/<name>} relative paths in name order and their modification times set to
 * {@link #CDS_JAR_TIME}. JDK 17 uses such an archive only if the JVM's classpath starts with exactly
 * those entries (same strings, same order; a directory before them must be empty) and every jar has
 * the size and modification time it had at the dump. A container using it therefore gets
 * {@link #sharedClasspath(Collection) the jars first}, by relative path, then {@code conf/} and the
 * rest, and resets the jars' modification times before the JVM starts ({@link #commandPrefix}):
 * YARN localizes resources with the time of the download. Where that reset is not allowed (a PUBLIC
 * resource owned by the NodeManager) or the JDK differs from the build's, {@code -Xshare:auto} lets
 * the JVM start without the archive; {@code <LOG_DIR>/cds.log} says which happened.
 *
 * <p>Immutable and thread-safe.
 *
 * @param classDataSharing {@code yarn.container.cds.enabled}
 * @param extraOptions     {@code yarn.container.jvm-options}, blank entries dropped
 */
public record ContainerJvmOptions(boolean classDataSharing, List<String> extraOptions) {

    /** The archive's path among a container's resources (and in the distribution). */
    public static final String CDS_ARCHIVE = AmLaunchContract.LIB_DIR + "/spindle-containers.jsa";
    /** The modification time, in seconds since the epoch, of every {@code lib/} jar at the dump. */
    public static final long CDS_JAR_TIME = 946684800L;
    /** The file in the container's log directory where the JVM logs whether it mapped the archive. */
    public static final String CDS_LOG = "cds.log";

    /** Copies the options and drops blank ones. */
    public ContainerJvmOptions {
        Objects.requireNonNull(extraOptions, "extraOptions");
        extraOptions = extraOptions.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    }

    /** The defaults: sharing on, no extra options. */
    public static ContainerJvmOptions defaults() {
        return from(Configuration.empty());
    }

    /** @return the settings of {@code conf} */
    public static ContainerJvmOptions from(Configuration conf) {
        return new ContainerJvmOptions(conf.get(YarnOptions.CONTAINER_CDS_ENABLED),
                conf.getOptional(YarnOptions.CONTAINER_JVM_OPTIONS).orElse(List.of()));
    }

    /**
     * Whether a container with these resources (relative paths such as {@code lib/x.jar}) uses the
     * archive: sharing is on and the archive is one of them.
     */
    public boolean sharesClasses(Collection<String> resourcePaths) {
        return classDataSharing && resourcePaths.contains(CDS_ARCHIVE);
    }

    /**
     * The classpath's leading entries when the container uses the archive: the {@code lib/*.jar}
     * resources, by relative path, in name order (the order of the dump); empty when it does not.
     */
    public List<String> sharedClasspath(Collection<String> resourcePaths) {
        if (!sharesClasses(resourcePaths)) {
            return List.of();
        }
        String prefix = AmLaunchContract.LIB_DIR + "/";
        return resourcePaths.stream()
                .filter(p -> p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0 && p.endsWith(".jar"))
                .sorted()
                .toList();
    }

    /**
     * What the container's shell runs before {@code java} when it uses the archive: resetting the
     * jars' modification times (failures ignored) and {@code exec}, so the JVM stays the container's
     * process; empty words when it does not.
     */
    public List<String> commandPrefix(Collection<String> resourcePaths) {
        if (!sharesClasses(resourcePaths)) {
            return List.of();
        }
        return List.of("touch", "-c", "-m", "-d", "@" + CDS_JAR_TIME, AmLaunchContract.LIB_DIR + "/*.jar",
                "2>/dev/null;", "exec");
    }

    /** The JVM options: the archive's when the container uses it, then the extra ones. */
    public List<String> jvmOptions(Collection<String> resourcePaths) {
        List<String> options = new ArrayList<>();
        if (sharesClasses(resourcePaths)) {
            options.add("-XX:SharedArchiveFile=" + CDS_ARCHIVE);
            options.add("-Xshare:auto");
            options.add("-Xlog:cds=info:file=" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/" + CDS_LOG);
        }
        options.addAll(extraOptions);
        return options;
    }
}
