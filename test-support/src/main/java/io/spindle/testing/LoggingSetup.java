package io.spindle.testing;

import org.apache.logging.log4j.jul.Log4jBridgeHandler;

/**
 * Routes {@code java.util.logging} (Jersey and Guice inside the YARN daemons) into Log4j 2, so
 * {@code log4j2-test.xml} filters it like everything else. Thread safety: idempotent, synchronized.
 */
final class LoggingSetup {

    private static boolean done;

    private LoggingSetup() {
    }

    static synchronized void routeJulToLog4j() {
        if (done) {
            return;
        }
        done = true;
        if (!"org.apache.logging.log4j.jul.LogManager".equals(System.getProperty("java.util.logging.manager"))) {
            // Replace JUL's console handler with the bridge and copy Log4j's levels into JUL,
            // so JUL does not even build records that Log4j would drop.
            Log4jBridgeHandler.install(true, null, true);
        }
    }
}
