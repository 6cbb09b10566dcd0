package io.spindle.testing.zookeeper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on {@code 127.0.0.1} in front of one ZooKeeper server, for tests that must lose
 * ZooKeeper's answer to one particular request deterministically.
 *
 * <p>{@link #cutOnRequestContaining} arms it: the first chunk a client sends that contains the
 * marker bytes (for example the path or data of one write) is forwarded to the server or dropped,
 * as asked; from then on nothing more passes in either direction on that connection, so the
 * client never hears the answer. {@link #cut()} then closes every connection. While
 * {@link #refuse refusing}, new connections are closed at once, as if the server were down.
 *
 * <p>Thread-safe; one thread per direction of each connection. Closing stops everything.
 */
public final class CuttingProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CuttingProxy.class);

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile Trap trap;
    private volatile boolean refusing;
    private volatile boolean closed;

    /** What to do with the request carrying the marker. */
    private record Trap(byte[] marker, boolean forward, CompletableFuture<Void> sprung) {
    }

    private CuttingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param targetPort the ZooKeeper server's client port on {@code 127.0.0.1}
     * @return a running proxy
     */
    public static CuttingProxy start(int targetPort) throws IOException {
        return new CuttingProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    }

    /** The connect string clients use to go through the proxy. */
    public String connectString() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Arms the proxy for one request.
     *
     * @param marker  bytes that only the request to intercept contains
     * @param forward true: the request reaches the server (it may be applied), false: it is dropped
     * @return completes once the request was intercepted (and forwarded, if asked)
     */
    public CompletableFuture<Void> cutOnRequestContaining(byte[] marker, boolean forward) {
        Trap armed = new Trap(marker.clone(), forward, new CompletableFuture<>());
        trap = armed;
        return armed.sprung();
    }

    /** Closes every open connection; clients see a connection loss and reconnect (unless refused). */
    public void cut() {
        for (Link link : links) {
            link.close();
        }
    }

    /** While true, connections are accepted and closed at once, as if the server were down. */
    public void refuse(boolean refuse) {
        this.refusing = refuse;
        if (refuse) {
            cut();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the proxy's server socket failed", e);
        }
        cut();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Proxy stopped accepting: {}", e.toString());
                }
                return;
            }
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                Link link = new Link(client, upstream);
                links.add(link);
                link.start();
            } catch (IOException e) {
                LOG.info("Proxy could not reach {}: {}", target, e.toString());
                closeQuietly(client);
            }
        }
    }

    /** One client connection and its upstream connection. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean frozen;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            Thread up = new Thread(() -> pump(client, upstream, true), "proxy-up-" + client.getPort());
            Thread down = new Thread(() -> pump(upstream, client, false), "proxy-down-" + client.getPort());
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (fromClient) {
                        Trap armed = trap;
                        if (armed != null && contains(buffer, n, armed.marker())) {
                            trap = null;
                            frozen = true;
                            if (armed.forward()) {
                                out.write(buffer, 0, n);
                                out.flush();
                            }
                            LOG.info("Proxy intercepted a request ({} bytes, {}); the connection is frozen", n,
                                    armed.forward() ? "forwarded" : "dropped");
                            armed.sprung().complete(null);
                            continue;
                        }
                    }
                    if (frozen) {
                        continue; // nothing passes any more, in either direction
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                LOG.debug("Proxy link closed: {}", e.toString());
            } catch (IOException e) {
                LOG.debug("Proxy link failed: {}", e.toString());
            } finally {
                close();
            }
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing a proxy socket failed", e);
        }
    }

    @Override
    public String toString() {
        return "CuttingProxy[" + connectString() + " -> " + target + "]";
    }
}
