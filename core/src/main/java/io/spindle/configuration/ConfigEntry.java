package io.spindle.configuration;

import java.util.Objects;

/**
 * One raw configuration value as it was written, with the key it was written under and where it
 * came from. Immutable.
 *
 * @param key the key exactly as written (may be an option's fallback key, or unknown)
 * @param rawValue the unparsed value; for YAML lists, the items joined with commas
 * @param origin where the value came from
 */
public record ConfigEntry(String key, String rawValue, ValueOrigin origin) {

    /** @throws NullPointerException if any component is null */
    public ConfigEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rawValue, "rawValue");
        Objects.requireNonNull(origin, "origin");
    }
}
