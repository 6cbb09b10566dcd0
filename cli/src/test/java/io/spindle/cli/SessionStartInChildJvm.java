package io.spindle.cli;

import io.spindle.yarn.client.FakeApplicationMaster;
import java.time.Duration;

/**
 * {@code yarn-session.sh} in a JVM of its own (for the Ctrl-C test), with
 * {@link FakeApplicationMaster} as the AM; arguments as for {@code yarn-session.sh}.
 */
public final class SessionStartInChildJvm {

    private SessionStartInChildJvm() {
    }

    public static void main(String[] args) {
        YarnSessionCli cli = new YarnSessionCli(System::getenv, System.in, b -> b
                .containerJavaHome(System.getProperty("java.home"))
                .amMainClass(FakeApplicationMaster.class.getName())
                .readyTimeout(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100)));
        System.exit(YarnSessionCli.commandLine(cli).execute(args));
    }
}
