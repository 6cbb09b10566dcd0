package io.spindle.runtime.rest;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A before-handler of the REST endpoint that keeps browsers on the {@link WebProxy} (what YARN's
 * {@code AmIpFilter} does for other ApplicationMasters): a GET or HEAD of a web-interface page
 * ({@code /} and {@code /dashboard/*}) that neither comes from one of the proxy's hosts nor carries
 * the cluster's credential is answered with 302 to the same page on the proxy. Everything else is
 * served as before: the JSON API under {@code /v1} and {@code /metrics} (tools and the CLI call them
 * directly), every other method, the proxy's own requests, and requests with the credential.
 *
 * <p>The proxy's host names are resolved to addresses when first needed and again every
 * {@value #RESOLVE_EVERY_MINUTES} minutes; a name that cannot be resolved counts for nothing (and is
 * logged once per resolution). A request comes from the proxy when its peer address is one of them;
 * a client on the proxy's host is therefore taken for the proxy.
 *
 * <p>Thread-safe.
 */
public final class WebProxyRedirect implements Handler {

    static final int RESOLVE_EVERY_MINUTES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(WebProxyRedirect.class);

    private final WebProxy proxy;
    private final Predicate<String> credentialAccepted;
    private Set<InetAddress> proxyAddresses; // guarded by this
    private long resolvedAtNanos; // guarded by this

    /**
     * @param credentialAccepted whether an {@code Authorization} header (never null) carries the
     *                           cluster's credential
     */
    public WebProxyRedirect(WebProxy proxy, Predicate<String> credentialAccepted) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.credentialAccepted = Objects.requireNonNull(credentialAccepted, "credentialAccepted");
    }

    @Override
    public void handle(Context ctx) {
        redirectFor(ctx.method().name(), ctx.path(), ctx.queryString(), ctx.header("Authorization"),
                ctx.req().getRemoteAddr()).ifPresent(target -> ctx.redirect(target, HttpStatus.FOUND));
    }

    /**
     * The decision: where the request goes instead, or empty if it is served here.
     *
     * @param authorization the {@code Authorization} header, or null
     * @param remoteAddress the peer's IP address (a literal)
     */
    Optional<String> redirectFor(String method, String path, String query, String authorization,
            String remoteAddress) {
        if (!(method.equals("GET") || method.equals("HEAD")) || !isWebPage(path)) {
            return Optional.empty();
        }
        if (authorization != null && credentialAccepted.test(authorization)) {
            return Optional.empty();
        }
        if (fromProxy(remoteAddress)) {
            return Optional.empty();
        }
        return Optional.of(proxy.redirectUrl(path, query));
    }

    private static boolean isWebPage(String path) {
        return path.isEmpty() || path.equals("/") || path.startsWith("/dashboard/");
    }

    private boolean fromProxy(String remoteAddress) {
        InetAddress peer;
        try {
            peer = InetAddress.getByName(remoteAddress); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
        return proxyAddresses().contains(peer);
    }

    private synchronized Set<InetAddress> proxyAddresses() {
        long now = System.nanoTime();
        if (proxyAddresses == null || now - resolvedAtNanos >= Duration.ofMinutes(RESOLVE_EVERY_MINUTES).toNanos()) {
            Set<InetAddress> addresses = new HashSet<>();
            for (String host : proxy.hosts()) {
                try {
                    addresses.addAll(Set.of(InetAddress.getAllByName(host)));
                } catch (UnknownHostException e) {
                    LOG.warn("Cannot resolve the web proxy's host {}: the proxy's requests from it are redirected too (browsers then loop)", host);
                }
            }
            LOG.debug("Web proxy {} at {}", proxy.hosts(), addresses);
            proxyAddresses = Set.copyOf(addresses);
            resolvedAtNanos = now;
        }
        return proxyAddresses;
    }
}
