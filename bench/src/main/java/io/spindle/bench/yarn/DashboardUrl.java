package io.spindle.bench.yarn;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.webapp.util.WebAppUtils;

/**
 * Where a person opens an application's dashboard: the tracking URL the ResourceManager reports
 * (its web proxy, {@code http://<rm>/proxy/<application id>/}). A MiniYARNCluster (the local
 * cluster) binds its web server to an ephemeral port but reports proxy URLs with the configured
 * port 0; then the proxy address of the client's configuration, which holds the real port, is
 * used instead. Stateless.
 */
public final class DashboardUrl {

    private DashboardUrl() {}

    /**
     * @param report     the application's report
     * @param hadoopConf the client's Hadoop configuration
     * @return the dashboard's URL
     */
    public static String of(ApplicationReport report, org.apache.hadoop.conf.Configuration hadoopConf) {
        String tracking = report.getTrackingUrl();
        URI uri = tracking == null || tracking.isBlank() || tracking.equalsIgnoreCase("N/A") ? null : URI.create(tracking);
        if (uri != null && uri.getPort() != 0) {
            return tracking;
        }
        return proxyUrl(WebAppUtils.getProxyHostAndPort(hadoopConf), report.getApplicationId());
    }

    static String proxyUrl(String proxyHostAndPort, ApplicationId app) {
        try {
            URI base = new URI("http://" + proxyHostAndPort);
            return new URI("http", null, base.getHost(), base.getPort(), "/proxy/" + app + "/", null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a host:port: " + proxyHostAndPort, e);
        }
    }
}
