package io.spindle.yarn.am;

import io.spindle.runtime.rest.WebProxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.webapp.util.WebAppUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ResourceManager's web proxy of an application, from the YARN configuration, as YARN's
 * {@code AmFilterInitializer} finds it for other ApplicationMasters: {@code yarn.web-proxy.address}
 * when the proxy runs on its own, else the ResourceManagers' web addresses (every one with HA); the
 * application's base URL on each is {@code http(s)://<address>/proxy/<applicationId>}
 * ({@code yarn.http.policy} picks the scheme).
 *
 * <p>Stateless; thread-safe.
 */
final class RmWebProxy {

    private static final Logger LOG = LoggerFactory.getLogger(RmWebProxy.class);

    private RmWebProxy() {
    }

    /** The proxy of {@code app}, or empty (logged) if the configuration names no usable address. */
    static Optional<WebProxy> of(Configuration yarnConf, ApplicationId app) {
        String scheme = WebAppUtils.getHttpSchemePrefix(yarnConf);
        Set<String> hosts = new LinkedHashSet<>();
        List<String> bases = new ArrayList<>();
        List<String> addresses = WebAppUtils.getProxyHostsAndPortsForAmFilter(yarnConf);
        for (String hostAndPort : addresses) {
            int colon = hostAndPort.lastIndexOf(':');
            if (colon <= 0 || hostAndPort.endsWith(":0")) {
                continue; // no host, or a port not yet bound: not an address a browser can use
            }
            hosts.add(hostAndPort.substring(0, colon));
            bases.add(scheme + hostAndPort + "/proxy/" + app);
        }
        if (hosts.isEmpty()) {
            LOG.warn("No address of the ResourceManager's web proxy in the YARN configuration ({}): browsers that"
                    + " reach the web interface directly are served, not redirected", addresses);
            return Optional.empty();
        }
        LOG.info("Web interface behind the ResourceManager's web proxy {}: direct browser requests go to {}",
                hosts, bases.get(0));
        return Optional.of(new WebProxy(hosts, bases));
    }
}
