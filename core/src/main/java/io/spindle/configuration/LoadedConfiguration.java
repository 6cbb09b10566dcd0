package io.spindle.configuration;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link ConfigurationLoader loading} a configuration: the configuration and the
 * warnings found on the way (unknown keys with suggestions, deprecated keys), each one line, in the
 * order of the sources. Immutable.
 *
 * @param configuration the effective configuration (file overridden by {@code -D})
 * @param warnings one-line warnings for the user; already logged
 */
public record LoadedConfiguration(Configuration configuration, List<String> warnings) {

    /** Copies {@code warnings}. */
    public LoadedConfiguration {
        Objects.requireNonNull(configuration, "configuration");
        warnings = List.copyOf(warnings);
    }
}
