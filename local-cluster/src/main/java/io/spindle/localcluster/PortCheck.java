package io.spindle.localcluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks that a fixed TCP port the user asked for is free before anything starts. Stateless. */
final class PortCheck {

    private PortCheck() {
    }

    /**
     * @param port the port; 0 (a free one is picked later) always passes
     * @param what what would listen there, for the message
     * @throws LocalClusterException if something listens on the port already
     */
    static void requireFree(int port, String what) throws LocalClusterException {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new LocalClusterException("port " + port + " for " + what + " is in use", e);
        }
    }
}
