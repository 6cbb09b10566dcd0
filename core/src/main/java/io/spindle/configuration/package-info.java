/**
 * Typed configuration: {@link io.spindle.configuration.ConfigOption options} with a key, a value
 * type, a default and a description; an immutable {@link io.spindle.configuration.Configuration}
 * that remembers where each value came from; the {@link io.spindle.configuration.ConfigurationLoader}
 * that reads {@code config.yaml} plus {@code -D} overrides; and the holders that define every option
 * Spindle understands.
 */
package io.spindle.configuration;
