package io.spindle.runtime.entrypoint;

import io.spindle.configuration.Configuration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The configuration options of the daemons' entry points: {@code --conf-dir DIR} and repeatable
 * {@code -D key=value}. Add with {@code @Mixin DaemonConfigurationOptions configuration;} and call
 * {@link #load()}. Not thread-safe; picocli fills it before the command runs.
 */
final class DaemonConfigurationOptions {

    @Option(names = "--conf-dir", paramLabel = "DIR", description = "The directory holding config.yaml.")
    private Path confDir;

    @Option(names = "-D", paramLabel = "key=value", description = "A configuration value, overriding config.yaml.")
    private Map<String, String> dynamic = new LinkedHashMap<>();

    /**
     * The process's configuration: {@code config.yaml} of the directory, overridden by the {@code -D} values.
     *
     * @see ProcessConfiguration#load(Path, Map)
     */
    Configuration load() {
        return ProcessConfiguration.load(confDir, dynamic);
    }
}
