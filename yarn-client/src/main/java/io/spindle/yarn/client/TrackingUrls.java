package io.spindle.yarn.client;

import java.util.Locale;

/**
 * The JobManager's REST URL as YARN reports it: the tracking URL the ApplicationMaster registered.
 * The REST calls themselves go through the one REST client, {@link io.spindle.runtime.rest.RestClusterClient}.
 * Stateless.
 */
public final class TrackingUrls {

    /** The overview resource, relative to the REST base URL; answered by standbys too. */
    public static final String OVERVIEW_PATH = "/v1/overview";

    private TrackingUrls() {}

    /**
     * Normalizes a tracking URL as YARN reports it ({@code host:port}, {@code http://host:port/})
     * into a REST base URL with a scheme and without a trailing slash.
     *
     * @return the URL, or empty text if {@code trackingUrl} is blank or {@code N/A}
     */
    public static String restUrlOf(String trackingUrl) {
        if (trackingUrl == null) {
            return "";
        }
        String url = trackingUrl.strip();
        if (url.isEmpty() || url.equalsIgnoreCase("N/A")) {
            return "";
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            url = "http://" + url;
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }
}
