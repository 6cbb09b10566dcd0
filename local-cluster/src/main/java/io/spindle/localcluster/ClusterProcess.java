package io.spindle.localcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the JVM that runs a local cluster from its pid file, and tells it apart from an unrelated
 * process that reuses a stale pid.
 *
 * <p>Thread safety: stateless.
 */
final class ClusterProcess {

    /** The class name every local-cluster JVM has on its command line. */
    static final String MAIN_CLASS = LocalClusterMain.class.getName();

    private ClusterProcess() {
    }

    /** The pid in {@code pidFile}, if the file exists and holds a number. */
    static Optional<Long> readPid(Path pidFile) {
        try {
            String text = Files.readString(pidFile).strip();
            return text.matches("[0-9]+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The live local-cluster JVM recorded in the directory's pid file, other than this JVM. A live
     * process whose command line is known and does not name {@link #MAIN_CLASS} is not it (the
     * pid was reused), nor is a zombie.
     */
    static Optional<ProcessHandle> running(ClusterDirectory dir) {
        return readPid(dir.pidFile())
                .filter(pid -> pid != ProcessHandle.current().pid())
                .flatMap(ProcessHandle::of)
                .filter(ClusterProcess::isAlive)
                .filter(ClusterProcess::runsMainClass);
    }

    /**
     * Whether the process's command line names {@link #MAIN_CLASS}; true when it cannot be read.
     * Reads {@code /proc/<pid>/cmdline} itself, because {@link ProcessHandle.Info#commandLine()}
     * is empty for long command lines (the cluster's classpath is long).
     */
    static boolean runsMainClass(ProcessHandle process) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            if (cmdline.length > 0) {
                return new String(cmdline, java.nio.charset.StandardCharsets.UTF_8).contains(MAIN_CLASS);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process just ended
        }
        return process.info().commandLine().map(line -> line.contains(MAIN_CLASS)).orElse(true);
    }

    /** Alive and not a zombie (on Linux, {@link ProcessHandle#isAlive} is true for zombies). */
    static boolean isAlive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return !state.startsWith("Z") && !state.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return process.isAlive(); // no /proc: trust ProcessHandle
        }
    }
}
