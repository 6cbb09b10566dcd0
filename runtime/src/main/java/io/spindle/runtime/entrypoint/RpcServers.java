package io.spindle.runtime.entrypoint;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.util.MutableHandlerRegistry;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.PortRange;
import io.spindle.runtime.security.ClusterAuthentication;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.PrimitiveIterator;
import java.util.concurrent.TimeUnit;

/**
 * Starts a gRPC server on the first free port of a configured port range, checking every call with
 * the process's {@link ClusterAuthentication}, and stops one.
 */
final class RpcServers {

    private RpcServers() {}

    /**
     * @param ports the ports to try, in order
     * @param option the option the ports come from, named in the error
     * @throws IOException naming the option and the ports when none is free
     */
    static Server start(PortRange ports, ConfigOption<PortRange> option, BindableService service,
            ClusterAuthentication authentication) throws IOException {
        return startOn(ports, option, builder -> authentication.secure(builder.addService(service)));
    }

    /** As above, serving whatever {@code services} holds (services may be added after the start). */
    static Server startWithRegistry(PortRange ports, ConfigOption<PortRange> option, MutableHandlerRegistry services,
            ClusterAuthentication authentication) throws IOException {
        return startOn(ports, option, builder -> authentication.secure(builder.fallbackHandlerRegistry(services)));
    }

    private static Server startOn(PortRange ports, ConfigOption<PortRange> option,
            java.util.function.Consumer<NettyServerBuilder> services) throws IOException {
        IOException last = null;
        PrimitiveIterator.OfInt candidates = ports.ports().iterator();
        while (candidates.hasNext()) {
            int port = candidates.nextInt();
            try {
                NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(port));
                services.accept(builder);
                return builder.build().start();
            } catch (IOException e) {
                if (!(e.getCause() instanceof BindException) && !(e instanceof BindException)) {
                    throw e;
                }
                last = e;
            }
        }
        throw new IOException("No free port for the RPC endpoint among '" + ports + "' ('" + option.key() + "')", last);
    }

    /**
     * Stops {@code server} at once (calls in progress are cancelled) and waits up to 5 s for it to
     * terminate; an interrupt ends the wait and is kept.
     */
    static void stop(Server server) {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
