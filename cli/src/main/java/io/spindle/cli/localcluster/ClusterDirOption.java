package io.spindle.cli.localcluster;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --dir DIR}: the local cluster's directory, by default
 * {@code $TMPDIR/spindle-local-cluster-$USER} ({@code /tmp} without {@code TMPDIR}). Not thread-safe.
 */
public final class ClusterDirOption {

    @Option(names = "--dir", paramLabel = "DIR",
            description = "The cluster's directory (default: $TMPDIR/spindle-local-cluster-$USER).")
    Path dir;

    /** The directory, absolute and normalized, resolved against the working directory. */
    Path resolve(Map<String, String> env) {
        Path chosen = dir != null ? dir : defaultDir(env);
        return chosen.toAbsolutePath().normalize();
    }

    /** {@code $TMPDIR/spindle-local-cluster-$USER}, with {@code /tmp} and {@code user.name} as fallbacks. */
    static Path defaultDir(Map<String, String> env) {
        String tmp = env.getOrDefault("TMPDIR", "");
        String user = env.getOrDefault("USER", "");
        return Path.of(tmp.isBlank() ? "/tmp" : tmp,
                "spindle-local-cluster-" + (user.isBlank() ? System.getProperty("user.name") : user));
    }
}
