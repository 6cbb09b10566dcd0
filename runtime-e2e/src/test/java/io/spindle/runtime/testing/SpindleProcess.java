package io.spindle.runtime.testing;

import io.spindle.testing.TestJvmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spindle daemon (JobManager or TaskExecutor) in its own JVM, started with the test's classpath.
 * Its output goes to {@code <dir>/process.log}. {@link #kill9}, {@link #pause} and {@link #resume}
 * send real signals.
 */
public final class SpindleProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private SpindleProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM.
     *
     * @param dir working folder of the process (created)
     * @param extraClasspath prepended to the classpath (e.g. a Hadoop conf dir), or null
     */
    public static SpindleProcess start(String name, Class<?> mainClass, Path dir, Path extraClasspath, String... args)
            throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("process.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(TestJvmOptions.all());
        command.add("-Djava.io.tmpdir=" + dir);
        command.add("-Dlog4j2.configurationFile=log4j2-test.xml");
        command.add("-Dspindle.test.log.dir=" + dir);
        command.add("-cp");
        String classpath = System.getProperty("java.class.path");
        command.add(extraClasspath == null ? classpath : extraClasspath + java.io.File.pathSeparator + classpath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new SpindleProcess(name, process, log);
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether it is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits (bounded) until it is gone. */
    public void kill9() throws Exception {
        signal("KILL");
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + pid() + ") survived kill -9");
        }
    }

    /** SIGSTOP: the JVM stops dead, as in a long GC pause or a frozen VM. */
    public void pause() throws Exception {
        signal("STOP");
    }

    /** SIGCONT. */
    public void resume() throws Exception {
        signal("CONT");
    }

    /** The process's output so far. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Waits (bounded) for the process to exit and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not exit within " + timeout);
        }
        return process.exitValue();
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            resume();
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
