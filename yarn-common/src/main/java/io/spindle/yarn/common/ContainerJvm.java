package io.spindle.yarn.common;

import io.spindle.configuration.MemorySize;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * How Spindle's JVMs in YARN containers are sized and what their classpath is, the same for the
 * ApplicationMaster (set up by the client) and the TaskExecutors (set up by the AM). Stateless.
 */
public final class ContainerJvm {

    /** Least memory left beside the heap. */
    public static final MemorySize MIN_OVERHEAD = MemorySize.ofMebiBytes(128);
    /** Most memory left beside the heap. */
    public static final MemorySize MAX_OVERHEAD = MemorySize.ofMebiBytes(1024);
    /** The smallest heap. */
    public static final MemorySize MIN_HEAP = MemorySize.ofMebiBytes(64);

    private ContainerJvm() {}

    /**
     * The heap for a JVM of {@code processSize} total memory: the process size minus an overhead of
     * a quarter of it, at least 128 MB and at most 1 GB; never below 64 MB.
     */
    public static MemorySize heap(MemorySize processSize) {
        long quarter = processSize.bytes() / 4;
        long overhead = Math.min(MAX_OVERHEAD.bytes(), Math.max(MIN_OVERHEAD.bytes(), quarter));
        long heap = Math.max(MIN_HEAP.bytes(), processSize.bytes() - overhead);
        return MemorySize.ofMebiBytes(heap >> 20);
    }

    /**
     * The container classpath, entries separated by YARN's cross-platform separator: the staged
     * {@code conf}, then the staged {@code lib/*} and YARN's application classpath
     * ({@code yarn.application.classpath}), or, in their place, the non-blank entries of
     * {@code nodeClasspath} ({@code yarn.container.node-classpath}: paths present on every
     * NodeManager host) when it has any.
     */
    public static String classpath(List<String> nodeClasspath, org.apache.hadoop.conf.Configuration hadoopConf) {
        return classpath(List.of(), nodeClasspath, hadoopConf);
    }

    /**
     * The container classpath as {@link #classpath(List, org.apache.hadoop.conf.Configuration)} has it,
     * with {@code leadingJars} (relative paths, see {@link ContainerJvmOptions#sharedClasspath}) before
     * everything else, {@code conf} included; the same when {@code leadingJars} is empty.
     */
    public static String classpath(List<String> leadingJars, List<String> nodeClasspath,
            org.apache.hadoop.conf.Configuration hadoopConf) {
        List<String> entries = new ArrayList<>(leadingJars);
        entries.add(Environment.PWD.$$() + "/" + AmLaunchContract.CONF_DIR);
        List<String> onNodes = nodeClasspath.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
        if (!onNodes.isEmpty()) {
            entries.addAll(onNodes);
        } else {
            entries.add(Environment.PWD.$$() + "/" + AmLaunchContract.LIB_DIR + "/*");
            for (String entry : hadoopConf.getStrings(YarnConfiguration.YARN_APPLICATION_CLASSPATH,
                    YarnConfiguration.DEFAULT_YARN_CROSS_PLATFORM_APPLICATION_CLASSPATH)) {
                entries.add(entry.strip());
            }
        }
        return String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, entries);
    }
}
