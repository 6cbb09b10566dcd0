package io.spindle.bench.yarn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * The resident memory of a container's JVM on this machine (the local cluster): the {@code java}
 * process whose working directory is the container's, read from {@code /proc/<pid>/status}
 * ({@code VmRSS}). Linux only; empty elsewhere or when the container runs on another host.
 *
 * <p>Stateless; thread-safe. Each answer is a snapshot.
 */
public final class ContainerMemory {

    private ContainerMemory() {}

    /** The container JVM's resident set in MB, if it runs here. */
    public static Optional<Double> rssMb(ContainerId container) {
        String suffix = "/" + container;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> isJavaIn(p, suffix))
                    .findFirst()
                    .flatMap(ContainerMemory::vmRssMb);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isJavaIn(Path proc, String cwdSuffix) {
        try {
            return Files.readSymbolicLink(proc.resolve("cwd")).toString().endsWith(cwdSuffix)
                    && Files.readString(proc.resolve("comm")).strip().equals("java");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<Double> vmRssMb(Path proc) {
        try (Stream<String> lines = Files.lines(proc.resolve("status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
