package io.spindle.bench.ha;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ElectionParticipantMain} in a JVM of its own, started with this JVM's {@code java}
 * and class path, so that the bench can kill a real leader with SIGKILL.
 *
 * <p>The process connects like {@link ElectionParticipantMain} does (no Spindle configuration);
 * SASL is switched off through ZooKeeper's {@code zookeeper.sasl.client} property unless the bench
 * uses SASL, in which case this JVM's JAAS and Kerberos properties are passed on.
 *
 * <p>Its standard output is read line by line on a daemon thread; its standard error (logging)
 * goes to a file that is quoted when the process does not say what was expected. Thread-safe.
 */
final class ParticipantProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantProcess.class);
    private static final String END = "\u0000end";

    private final Process process;
    private final String participantId;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ParticipantProcess(Process process, String participantId, Path log) {
        this.process = process;
        this.participantId = participantId;
        this.log = log;
        Thread reader = new Thread(this::readOutput, "participant-output-" + participantId);
        reader.setDaemon(true);
        reader.start();
    }

    static ParticipantProcess launch(String connectString, String namespace, String participantId,
                                     Duration sessionTimeout, boolean sasl, Path log) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        String logConfig = System.getProperty("log4j2.configurationFile");
        if (logConfig != null) {
            command.add("-Dlog4j2.configurationFile=" + logConfig);
        }
        if (sasl) {
            for (String key : List.of("java.security.auth.login.config", "java.security.krb5.conf", "zookeeper.sasl.client.username")) {
                String value = System.getProperty(key);
                if (value != null) {
                    command.add("-D" + key + "=" + value);
                }
            }
        } else {
            command.add("-Dzookeeper.sasl.client=false");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ElectionParticipantMain.class.getName(),
                connectString, namespace, participantId, Long.toString(sessionTimeout.toMillis())));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        LOG.debug("Launching participant {}: {}", participantId, command);
        return new ParticipantProcess(builder.start(), participantId, log);
    }

    /**
     * Waits for a line of standard output that starts with {@code prefix}; earlier lines are skipped.
     *
     * @return the line
     * @throws IOException if the process ended first, or the wait timed out; the message quotes its log
     */
    String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new IOException("Participant " + participantId + " did not print '" + prefix + "' within "
                        + timeout.toSeconds() + " s" + logTail());
            }
            if (line.equals(END)) {
                lines.add(END);
                throw new IOException("Participant " + participantId + " ended before printing '" + prefix + "'"
                        + exitCode() + logTail());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** @return true while the process runs */
    boolean isAlive() {
        return process.isAlive();
    }

    /** @return the participant id it uses in the election */
    String participantId() {
        return participantId;
    }

    /** Sends SIGKILL and waits (bounded) until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                LOG.warn("Participant {} (pid {}) did not end within 10 s of SIGKILL", participantId, process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            LOG.debug("Reading the output of participant {} ended: {}", participantId, e.toString());
        } finally {
            lines.add(END);
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? " (exit code " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private String logTail() {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = all.subList(Math.max(0, all.size() - 20), all.size());
            return tail.isEmpty() ? "" : "; its log " + log + " ends with:\n  " + String.join("\n  ", tail);
        } catch (IOException e) {
            return "";
        }
    }
}
