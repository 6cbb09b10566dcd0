package io.spindle.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.spindle.minicluster.NodeManagerDirs;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * Reads the container logs that a {@link MiniYARNCluster}'s NodeManagers keep locally
 * ({@code <nm-log-dir>/<app id>/<container id>/stdout|stderr|...}) and prints them, for debugging a
 * failed test.
 *
 * <p>The clusters started by {@link SpindleClusterExtension} keep these files after the application
 * ends and after the cluster stops (until the next run of the same test class), under the class's
 * work directory in {@code target/}.
 *
 * <p>Thread safety: stateless; safe from any thread. Files still being written are read as far as
 * they are at that moment.
 */
public final class ContainerLogs {

    /** Default bytes printed per log file: its last 64 KiB. */
    public static final int DEFAULT_TAIL_BYTES = 64 * 1024;

    private static final Set<String> HEADER_ONLY = Set.of("launch_container.sh", "directory.info");

    private ContainerLogs() {
    }

    /** All container log files of the application, sorted by path. */
    public static List<Path> files(MiniYARNCluster cluster, ApplicationId appId) {
        return files(cluster, p -> p.toString().contains(appId.toString()), Instant.EPOCH);
    }

    /** All container log files of all applications modified at or after {@code since}, sorted by path. */
    public static List<Path> files(MiniYARNCluster cluster, Instant since) {
        return files(cluster, p -> true, since);
    }

    /** Prints the last {@link #DEFAULT_TAIL_BYTES} of each log file of the application to {@code out}. */
    public static void dump(MiniYARNCluster cluster, ApplicationId appId, PrintStream out) {
        dump(files(cluster, appId), out, DEFAULT_TAIL_BYTES);
    }

    /**
     * Prints the last {@code tailBytes} of each of {@code files} to {@code out}, each under a header.
     * Of YARN's own {@code launch_container.sh} and {@code directory.info} (long, rarely the
     * answer), and of empty files, only the header is printed.
     */
    public static void dump(List<Path> files, PrintStream out, int tailBytes) {
        for (Path file : files) {
            try {
                long size = Files.size(file);
                boolean headerOnly = size == 0 || HEADER_ONLY.contains(file.getFileName().toString());
                out.println("===== " + file + " (" + size + " bytes"
                        + (headerOnly ? "" : size > tailBytes ? ", last " + tailBytes : "") + ") =====");
                if (!headerOnly) {
                    out.println(tail(file, tailBytes));
                }
            } catch (IOException e) {
                out.println("===== " + file + ": cannot read: " + e + " =====");
            }
        }
        out.flush();
    }

    /** The last {@code maxBytes} of the file as UTF-8 text. */
    public static String tail(Path file, int maxBytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int n = (int) Math.min(length, maxBytes);
            byte[] bytes = new byte[n];
            raf.seek(length - n);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static List<Path> files(MiniYARNCluster cluster, Predicate<Path> filter, Instant since) {
        List<Path> result = new ArrayList<>();
        for (Path logDir : NodeManagerDirs.logDirs(cluster)) {
            if (!Files.isDirectory(logDir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(logDir, 3)) {
                files.filter(Files::isRegularFile)
                        .filter(filter)
                        .filter(f -> modifiedSince(f, since))
                        .forEach(result::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        result.sort(null);
        return result;
    }

    private static boolean modifiedSince(Path file, Instant since) {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isBefore(since);
        } catch (IOException e) {
            return false;
        }
    }
}
