package io.spindle.minicluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Distinct TCP ports on the loopback interface that were free a moment ago, for servers that must
 * know each other's ports before any of them starts (a ZooKeeper quorum). Another process may take
 * one before it is bound again; callers retry on a {@link java.net.BindException}. Stateless.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** {@code count} distinct ports, all held open at once while they are chosen. */
    public static List<Integer> pick(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find " + count + " free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port was only reserved for a moment
                }
            }
        }
    }
}
