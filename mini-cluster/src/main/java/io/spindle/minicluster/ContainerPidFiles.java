package io.spindle.minicluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * The operating-system PIDs of a {@link MiniYARNCluster}'s containers, from the pid files its
 * NodeManagers keep.
 *
 * <p>The default container executor makes each container's launch script write its own PID to
 * {@code <nm-local-dir>/nmPrivate/<app id>/<container id>/<container id>.pid} before it execs the
 * container command. The process with that PID is the container's session leader (normally the
 * container's {@code java} itself, or the shell that runs it). Containers run as this JVM's user,
 * so {@link ProcessHandle} can see and signal them.
 *
 * <p>Thread safety: stateless; the answers are snapshots (a container may start or end right after).
 */
public final class ContainerPidFiles {

    private ContainerPidFiles() {
    }

    /** The PID from the container's pid file, if the container has started and its file exists. */
    public static Optional<Long> pid(MiniYARNCluster cluster, ContainerId containerId) {
        String app = containerId.getApplicationAttemptId().getApplicationId().toString();
        String container = containerId.toString();
        for (Path localDir : NodeManagerDirs.localDirs(cluster)) {
            Optional<Long> pid = read(localDir.resolve("nmPrivate").resolve(app).resolve(container)
                    .resolve(container + ".pid"));
            if (pid.isPresent()) {
                return pid;
            }
        }
        return Optional.empty();
    }

    /** PIDs of all containers of the application whose pid files exist, by container id. */
    public static Map<ContainerId, Long> pids(MiniYARNCluster cluster, ApplicationId appId) {
        Map<ContainerId, Long> result = new TreeMap<>();
        for (Path localDir : NodeManagerDirs.localDirs(cluster)) {
            Path appDir = localDir.resolve("nmPrivate").resolve(appId.toString());
            if (!Files.isDirectory(appDir)) {
                continue;
            }
            try (Stream<Path> containers = Files.list(appDir)) {
                containers.forEach(dir -> {
                    String name = dir.getFileName().toString();
                    read(dir.resolve(name + ".pid")).ifPresent(p -> result.put(ContainerId.fromString(name), p));
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }

    /** PIDs of all containers (of every application) whose pid files exist. */
    public static List<Long> allPids(MiniYARNCluster cluster) {
        List<Long> result = new ArrayList<>();
        for (Path localDir : NodeManagerDirs.localDirs(cluster)) {
            Path nmPrivate = localDir.resolve("nmPrivate");
            if (!Files.isDirectory(nmPrivate)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(nmPrivate, 3)) {
                files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                        .forEach(f -> read(f).ifPresent(result::add));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }

    private static Optional<Long> read(Path pidFile) {
        try {
            String text = Files.readString(pidFile).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            return Optional.empty(); // being written
        }
    }
}
