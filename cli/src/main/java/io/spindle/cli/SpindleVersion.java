package io.spindle.cli;

import picocli.CommandLine;

/** Reports the Spindle version from the jar manifest ({@code Implementation-Version}). Thread-safe. */
public final class SpindleVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = SpindleVersion.class.getPackage().getImplementationVersion();
        return new String[] {"Spindle " + (version == null ? "(development build)" : version)
                + ", Java " + Runtime.version()};
    }
}
