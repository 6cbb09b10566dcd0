package io.spindle.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which requests {@link WebProxyRedirect} sends to the web proxy: browsers' page requests without
 * the credential from elsewhere than the proxy; not the API, not other methods, not the proxy's own
 * requests, not requests with the credential.
 */
class WebProxyRedirectTest {

    private static final String BASE = "http://rm.example.com:8088/proxy/application_1_0001";
    private static final ClusterSecret SECRET = ClusterSecret.generate();
    private static final String CREDENTIAL = "Bearer " + SECRET.restToken();

    /** The proxy on 192.0.2.10 (a documentation address: nothing resolves to it by accident). */
    private final WebProxyRedirect redirect = new WebProxyRedirect(new WebProxy(Set.of("192.0.2.10"),
            List.of(BASE + "/")), ClusterAuthentication.withSecret(SECRET, false)::acceptsRestAuthorization);

    @TempDir
    Path tmp;

    @Test
    void aBrowserPageWithoutTheCredentialFromElsewhereGoesToTheSamePageOnTheProxy() {
        assertThat(redirect.redirectFor("GET", "/", null, null, "10.1.2.3")).contains(BASE + "/");
        assertThat(redirect.redirectFor("GET", "/dashboard/app.js", "v=2&x=1", null, "10.1.2.3"))
                .contains(BASE + "/dashboard/app.js?v=2&x=1");
        assertThat(redirect.redirectFor("HEAD", "/", "", null, "10.1.2.3")).contains(BASE + "/");
    }

    @Test
    void aWrongOrForeignCredentialIsNoCredential() {
        assertThat(redirect.redirectFor("GET", "/", null, "Bearer " + ClusterSecret.generate().restToken(), "10.1.2.3"))
                .contains(BASE + "/");
        assertThat(redirect.redirectFor("GET", "/", null, "Basic b3duZXI6c2VjcmV0", "10.1.2.3")).contains(BASE + "/");
    }

    @Test
    void theProxyItselfAndTheCredentialAreServed() {
        assertThat(redirect.redirectFor("GET", "/", null, null, "192.0.2.10")).isEmpty();
        assertThat(redirect.redirectFor("GET", "/dashboard/app.js", null, CREDENTIAL, "10.1.2.3")).isEmpty();
        assertThat(redirect.redirectFor("GET", "/", null, "bearer " + SECRET.restToken(), "10.1.2.3")).isEmpty();
    }

    @Test
    void theApiMetricsAndChangesAreNeverRedirected() {
        for (String path : List.of("/v1/overview", "/v1/jobs", "/v1/cluster/ha", "/metrics")) {
            assertThat(redirect.redirectFor("GET", path, null, null, "10.1.2.3")).as(path).isEmpty();
        }
        assertThat(redirect.redirectFor("POST", "/", null, null, "10.1.2.3")).isEmpty();
        assertThat(redirect.redirectFor("POST", "/v1/jobs", null, null, "10.1.2.3")).isEmpty();
    }

    @Test
    void withoutAuthenticationNobodyHasTheCredential() {
        WebProxyRedirect open = new WebProxyRedirect(new WebProxy(Set.of("192.0.2.10"), List.of(BASE)),
                ClusterAuthentication.disabled()::acceptsRestAuthorization);
        assertThat(open.redirectFor("GET", "/", null, CREDENTIAL, "10.1.2.3")).contains(BASE + "/");
    }

    @Test
    void aProxyHostThatDoesNotResolveVouchesForNobody() {
        WebProxyRedirect unresolved = new WebProxyRedirect(new WebProxy(Set.of("no-such-host.invalid"), List.of(BASE)),
                header -> false);
        assertThat(unresolved.redirectFor("GET", "/", null, null, "10.1.2.3")).contains(BASE + "/");
    }

    @Test
    void theRestServerAnswersAPageRequestWith302ToTheProxyAndServesTheApi() throws Exception {
        try (RestServer server = new RestServer(new FakeJobManagerGateway(), "127.0.0.1", 0, tmp.resolve("uploads"),
                ClusterAuthentication.withSecret(SECRET, false))
                .behindWebProxy(new WebProxy(Set.of("192.0.2.10"), List.of(BASE))).start()) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/?tab=jobs"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).contains(BASE + "/?tab=jobs");

            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/jobs"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(200);
        }
    }
}
