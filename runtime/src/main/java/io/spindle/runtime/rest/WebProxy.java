package io.spindle.runtime.rest;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The web proxy a JobManager's web interface sits behind (on YARN, the ResourceManager's): the hosts
 * the proxy's requests come from, and the base URLs of this application on the proxy, e.g.
 * {@code http://rm-host:8088/proxy/application_1_0001} (several with ResourceManager HA; the first
 * is where browsers are sent). Filled in by the deployment (the ApplicationMaster), which knows its
 * cluster's configuration; see {@link WebProxyRedirect}.
 *
 * @param hosts    host names or addresses of the proxy, not empty
 * @param uriBases the application's base URLs on the proxy, without a trailing slash, not empty
 */
public record WebProxy(Set<String> hosts, List<String> uriBases) {

    /**
     * @throws IllegalArgumentException if {@code hosts} or {@code uriBases} is empty
     */
    public WebProxy {
        hosts = Set.copyOf(Objects.requireNonNull(hosts, "hosts"));
        uriBases = List.copyOf(Objects.requireNonNull(uriBases, "uriBases")).stream()
                .map(base -> base.endsWith("/") ? base.substring(0, base.length() - 1) : base).toList();
        if (hosts.isEmpty() || uriBases.isEmpty()) {
            throw new IllegalArgumentException("a web proxy needs at least one host and one base URL");
        }
    }

    /** Where a browser is sent for {@code path} (starting with {@code /}) and {@code query} (or null). */
    public String redirectUrl(String path, String query) {
        return uriBases.get(0) + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
