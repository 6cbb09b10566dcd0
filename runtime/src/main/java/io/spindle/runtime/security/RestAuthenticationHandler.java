package io.spindle.runtime.security;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import io.spindle.security.ClusterSecret;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A before-handler of the REST endpoint: a call that changes something (any method but GET, HEAD
 * and OPTIONS), and with {@code readsAuthenticated} every call, must carry
 * {@code Authorization: Bearer <token>} with the cluster's {@link ClusterSecret#restToken()}.
 * Without one it is refused with 401 (and {@code WWW-Authenticate: Bearer}), with a wrong one with
 * 403, before any route handler runs, so nothing is stored or changed: a request body (an upload)
 * is read and discarded, up to {@value #MAX_DRAINED_BYTES} bytes, so that the client, still
 * sending, reads the refusal instead of a reset connection. One WARN line per refusal, at most one
 * a second.
 *
 * <p>Thread-safe.
 */
public final class RestAuthenticationHandler implements Handler {

    /** The scheme of the {@code Authorization} header. */
    public static final String SCHEME = "Bearer";

    /** The most of a refused request's body that is read (and discarded) before the answer. */
    static final long MAX_DRAINED_BYTES = 513L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RestAuthenticationHandler.class);
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final ClusterSecret secret;
    private final boolean readsAuthenticated;
    private final RefusalLog refusals = new RefusalLog(LOG);

    /**
     * @param readsAuthenticated whether GET, HEAD and OPTIONS need the credential too
     */
    public RestAuthenticationHandler(ClusterSecret secret, boolean readsAuthenticated) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.readsAuthenticated = readsAuthenticated;
    }

    @Override
    public void handle(Context ctx) {
        if (!readsAuthenticated && READS.contains(ctx.method())) {
            return;
        }
        Optional<String> token = bearerToken(ctx.header("Authorization"));
        if (token.isEmpty()) {
            refused(ctx, "no credential");
            ctx.header("WWW-Authenticate", SCHEME + " realm=\"spindle\"");
            throw new UnauthorizedResponse("authentication required: " + ctx.method() + " " + ctx.path()
                    + " needs the cluster's credential (Authorization: Bearer; see docs/security.md)");
        }
        if (!secret.verifyRestToken(token.get())) {
            refused(ctx, "a wrong credential");
            throw new ForbiddenResponse("wrong credential: " + ctx.method() + " " + ctx.path()
                    + " needs this cluster's credential");
        }
    }

    /** The token of a {@code Bearer} {@code Authorization} header, if {@code header} is one (null: none). */
    static Optional<String> bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(SCHEME.length() + 1).strip());
    }

    private void refused(Context ctx, String reason) {
        refusals.refused(() -> "Refused REST " + ctx.method() + " " + ctx.path() + " from " + ctx.ip() + ": " + reason);
        discardBody(ctx);
    }

    private static void discardBody(Context ctx) {
        byte[] buffer = new byte[64 * 1024];
        long left = MAX_DRAINED_BYTES;
        try (InputStream body = ctx.req().getInputStream()) {
            int n;
            while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException e) {
            LOG.debug("Discarding the body of a refused request failed: {}", e.toString());
        }
    }
}
