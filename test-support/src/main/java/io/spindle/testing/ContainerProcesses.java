package io.spindle.testing;

import static org.awaitility.Awaitility.await;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.spindle.minicluster.ContainerPidFiles;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * Finds and kills the operating-system processes of YARN containers run by a
 * {@link MiniYARNCluster}, for tests that must crash a container the hard way ({@code kill -9}).
 *
 * <p>The NodeManager's default container executor makes each container's launch script write its
 * own PID to {@code <nm-local-dir>/nmPrivate/<app id>/<container id>/<container id>.pid} before it
 * execs the container command; this class reads those files (through {@link ContainerPidFiles}). The process with that PID is the
 * container's session leader (normally the container's {@code java} itself, or the shell that runs
 * it); {@link #javaProcesses} looks in it and its descendants for the JVM. Containers run as the
 * test's own user, so {@link ProcessHandle} can see and signal them.
 *
 * <p>Thread safety: stateless; safe from any thread. The answers are snapshots: a container may
 * start or end right after a call.
 */
public final class ContainerProcesses {

    private ContainerProcesses() {
    }

    /** The PID from the container's pid file, if the container has started and its file exists. */
    public static Optional<Long> pid(MiniYARNCluster cluster, ContainerId containerId) {
        return ContainerPidFiles.pid(cluster, containerId);
    }

    /**
     * Waits (bounded) until the container's pid file exists and its process is alive; returns the PID.
     */
    public static long awaitPid(MiniYARNCluster cluster, ContainerId containerId, Duration timeout) {
        return await("pid of container " + containerId)
                .atMost(timeout).pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO)
                .until(() -> pid(cluster, containerId)
                        .filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** PIDs of all containers of the application whose pid files exist, by container id. */
    public static Map<ContainerId, Long> pids(MiniYARNCluster cluster, ApplicationId appId) {
        return ContainerPidFiles.pids(cluster, appId);
    }

    /** PIDs of all containers (of every application) whose pid files exist. */
    public static List<Long> allPids(MiniYARNCluster cluster) {
        return ContainerPidFiles.allPids(cluster);
    }

    /** The process and all its live descendants (children first listed after their parent). */
    public static List<ProcessHandle> processTree(long pid) {
        List<ProcessHandle> result = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> {
            result.add(p);
            p.descendants().forEach(result::add);
        });
        return result;
    }

    /** The live {@code java} processes in the container's process tree (normally exactly one). */
    public static List<ProcessHandle> javaProcesses(long containerPid) {
        return processTree(containerPid).stream()
                .filter(p -> p.info().command().map(c -> Paths.get(c).getFileName().toString().equals("java"))
                        .orElse(false))
                .toList();
    }

    /**
     * Sends SIGKILL ({@code kill -9}) to the container's JVM(s), as a crash would, and waits
     * (bounded by {@code timeout}) until they are gone. The container's shell, if any, then exits
     * with the JVM's status, and YARN sees a failed container.
     *
     * @return the PIDs killed
     * @throws IllegalStateException if the container has no live JVM
     */
    public static List<Long> killJvm(MiniYARNCluster cluster, ContainerId containerId, Duration timeout) {
        long pid = awaitPid(cluster, containerId, timeout);
        List<ProcessHandle> jvms = javaProcesses(pid);
        if (jvms.isEmpty()) {
            throw new IllegalStateException("container " + containerId + " (pid " + pid + ") runs no java process");
        }
        return kill(jvms, timeout);
    }

    /** Sends SIGKILL to the container's whole process tree and waits (bounded) until it is gone. */
    public static List<Long> killTree(MiniYARNCluster cluster, ContainerId containerId, Duration timeout) {
        return kill(processTree(awaitPid(cluster, containerId, timeout)), timeout);
    }

    static List<Long> kill(List<ProcessHandle> processes, Duration timeout) {
        processes.forEach(ProcessHandle::destroyForcibly);
        await("processes " + processes + " gone")
                .atMost(timeout).pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO)
                .until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        return processes.stream().map(ProcessHandle::pid).toList();
    }
}
