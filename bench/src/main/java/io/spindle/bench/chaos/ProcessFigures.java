package io.spindle.bench.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a leak would grow in a JVM on this machine: its threads ({@code /proc/<pid>/status}), its
 * open file descriptors ({@code /proc/<pid>/fd}) and its heap after a full GC ({@code jcmd <pid>
 * GC.run}, then the generations' {@code used} of {@code GC.heap_info}). Empty when the process is
 * gone or cannot be read. Stateless; thread-safe.
 */
final class ProcessFigures {

    private ProcessFigures() {}

    /** The process's thread count. */
    static Optional<Long> threads(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("Threads:")).findFirst()
                    .map(l -> Long.parseLong(l.substring("Threads:".length()).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The process's open file descriptors. */
    static Optional<Long> openFds(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return Optional.of(fds.count());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The heap in use right after a full GC, in KB. */
    static Optional<Long> heapAfterGcKb(long pid) {
        try {
            jcmd(pid, "GC.run");
            long used = 0;
            boolean any = false;
            for (String line : jcmd(pid, "GC.heap_info").lines().toList()) {
                if (line.contains("total") && line.contains("used") && !line.contains("Metaspace")
                        && !line.contains("class space")) {
                    String after = line.substring(line.indexOf("used") + 4).strip();
                    used += Long.parseLong(after.substring(0, after.indexOf('K')));
                    any = true;
                }
            }
            return any ? Optional.of(used) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed");
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /** The value of {@code name} in the process's environment. */
    static Optional<String> environment(long pid, String name) {
        try {
            String environ = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                    StandardCharsets.UTF_8);
            return Stream.of(environ.split("\0")).filter(e -> e.startsWith(name + "=")).findFirst()
                    .map(e -> e.substring(name.length() + 1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
