package io.spindle.minicluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What a ZooKeeper server says it is, from the {@code srvr} four-letter command on its client port
 * ({@code leader}, {@code follower}, {@code standalone}); empty when it does not answer in time or
 * does not serve (no quorum). The server must allow the command
 * ({@code -Dzookeeper.4lw.commands.whitelist=srvr}, as the members of {@code spindle local-cluster}
 * do). Stateless and thread-safe.
 */
public final class ZooKeeperMode {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private ZooKeeperMode() {
    }

    /** The mode of the server at {@code 127.0.0.1:port}, if it answers. */
    public static Optional<String> of(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.lines().filter(line -> line.startsWith("Mode: "))
                    .map(line -> line.substring("Mode: ".length()).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
