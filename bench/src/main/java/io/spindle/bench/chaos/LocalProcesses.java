package io.spindle.bench.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Processes on this machine, read from {@code /proc} (Linux only), and signals to them through
 * {@code kill(1)}: the container JVMs of a YARN application (found by their working directory, the
 * container's), the pid files of the local cluster. Only processes of the cluster the chaos run
 * was given are ever signalled.
 *
 * <p>Stateless; thread-safe.
 */
final class LocalProcesses {

    private LocalProcesses() {}

    /** A running container JVM: its pid and container id. */
    record ContainerProcess(long pid, String containerId) {}

    /**
     * The Java processes running in containers of the application, whose command line names
     * {@code mainClass}, in container id order.
     *
     * @param applicationId {@code application_<ts>_<n>}
     */
    static List<ContainerProcess> containers(String applicationId, String mainClass) {
        String prefix = "container_" + applicationId.substring("application_".length()) + "_";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .flatMap(p -> containerOf(p, prefix, mainClass).stream())
                    .sorted(java.util.Comparator.comparing(ContainerProcess::containerId))
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static Optional<ContainerProcess> containerOf(Path proc, String prefix, String mainClass) {
        try {
            String cwd = Files.readSymbolicLink(proc.resolve("cwd")).getFileName().toString();
            if (!cwd.startsWith(prefix) || !Files.readString(proc.resolve("comm")).strip().equals("java")) {
                return Optional.empty();
            }
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            return cmdline.contains(mainClass)
                    ? Optional.of(new ContainerProcess(Long.parseLong(proc.getFileName().toString()), cwd))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the process runs (a zombie does not). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return !state.startsWith("Z") && !state.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Sends {@code signal} ({@code KILL}, {@code STOP}, {@code CONT}) to the process.
     *
     * @throws IOException if {@code kill} fails (the process is gone, or not ours)
     */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IOException("kill -" + signal + " " + pid + " did not return");
        }
        if (kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pid + ": "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    /** The pid in a pid file, if it holds one. */
    static Optional<Long> readPid(Path pidFile) {
        try {
            String text = Files.readString(pidFile).strip();
            return text.matches("[0-9]+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
