package io.spindle.localcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that other processes make to a running local cluster through files in
 * {@code DIR/control/}. Today one: restart the DataNode. A client writes
 * {@code restart-datanode.request} holding a token (any word); the cluster's JVM, which polls the
 * folder every 200 ms, deletes it, restarts the DataNode and writes {@code restart-datanode.done}
 * holding {@code <token> ok <ms>} or {@code <token> failed <reason>}. Used by
 * {@code spindle local-cluster restart-datanode} and by chaos runs.
 *
 * <p>Thread safety: {@link #serve} runs on one daemon thread; {@link #request} may be called from
 * any process.
 */
final class ControlRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ControlRequests.class);
    static final String RESTART_DATANODE = "restart-datanode";
    private static final Duration POLL = Duration.ofMillis(200);

    private ControlRequests() {
    }

    /** Starts the daemon thread that serves the requests for {@code cluster}. */
    static void serve(ClusterDirectory dir, LocalCluster cluster) throws IOException {
        Files.createDirectories(dir.controlDir());
        Thread thread = new Thread(() -> loop(dir.controlDir(), cluster), "local-cluster-control");
        thread.setDaemon(true);
        thread.start();
    }

    private static void loop(Path control, LocalCluster cluster) {
        Path request = control.resolve(RESTART_DATANODE + ".request");
        while (true) {
            try {
                Thread.sleep(POLL.toMillis());
                Optional<String> token = take(request);
                if (token.isPresent()) {
                    String result;
                    long t0 = System.nanoTime();
                    try {
                        cluster.restartDataNode();
                        result = "ok " + (System.nanoTime() - t0) / 1_000_000;
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("Restarting the DataNode failed", e);
                        result = "failed " + e.toString().replace('\n', ' ');
                    }
                    ClusterDirectory.writeAtomically(control.resolve(RESTART_DATANODE + ".done"),
                            token.get() + " " + result + "\n");
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Serving a control request failed", e);
            }
        }
    }

    private static Optional<String> take(Path request) throws IOException {
        try {
            String token = Files.readString(request).strip();
            Files.delete(request);
            return Optional.of(token);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Asks the cluster in {@code dir} to restart its DataNode and waits for the answer.
     *
     * @return the answer after the token: {@code ok <ms>} or {@code failed <reason>}
     * @throws IOException if no answer comes within {@code timeout}
     */
    static String request(ClusterDirectory dir, Duration timeout) throws IOException, InterruptedException {
        String token = Long.toString(System.nanoTime(), 36);
        Path done = dir.controlDir().resolve(RESTART_DATANODE + ".done");
        ClusterDirectory.writeAtomically(dir.controlDir().resolve(RESTART_DATANODE + ".request"), token + "\n");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                String answer = Files.readString(done).strip();
                if (answer.startsWith(token + " ")) {
                    return answer.substring(token.length() + 1);
                }
            } catch (NoSuchFileException e) {
                // not yet
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IOException("the local cluster did not restart its DataNode within " + timeout.toSeconds() + " s");
    }
}
