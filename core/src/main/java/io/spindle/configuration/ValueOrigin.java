package io.spindle.configuration;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a configuration value came from: its default, a line of a configuration file, a
 * {@code -D key=value} dynamic property, or code that set it programmatically.
 *
 * <p>All implementations are immutable records and safe to share between threads.
 */
public sealed interface ValueOrigin
        permits ValueOrigin.Default, ValueOrigin.File, ValueOrigin.Dynamic, ValueOrigin.Programmatic {

    /** The option's default value: nothing was set. */
    ValueOrigin DEFAULT = new Default();

    /** A {@code -D key=value} dynamic property (highest precedence). */
    ValueOrigin DYNAMIC = new Dynamic();

    /** Set by code, e.g. through {@link Configuration#with(ConfigOption, Object)}. */
    ValueOrigin PROGRAMMATIC = new Programmatic();

    /**
     * A value read from a file.
     *
     * @param path the file as the user named it (kept relative if it was given relative)
     * @param line the 1-based line of the value
     * @throws IllegalArgumentException if {@code line} is less than 1
     */
    static ValueOrigin file(Path path, int line) {
        return new File(path, line);
    }

    /**
     * The origin for an error message, e.g. {@code conf/config.yaml, line 3}, {@code -D},
     * {@code default}.
     */
    String describe();

    /** The origin in a compact form for listings, e.g. {@code conf/config.yaml:3}, {@code -D}. */
    String shortForm();

    /** See {@link ValueOrigin#DEFAULT}. */
    record Default() implements ValueOrigin {
        @Override
        public String describe() {
            return "default";
        }

        @Override
        public String shortForm() {
            return "default";
        }
    }

    /**
     * A line of a configuration file; see {@link ValueOrigin#file(Path, int)}.
     *
     * @param path the file as the user named it
     * @param line the 1-based line number
     */
    record File(Path path, int line) implements ValueOrigin {
        /** @throws IllegalArgumentException if {@code line} is less than 1 */
        public File {
            Objects.requireNonNull(path, "path");
            if (line < 1) {
                throw new IllegalArgumentException("line numbers start at 1, got " + line);
            }
        }

        @Override
        public String describe() {
            return path + ", line " + line;
        }

        @Override
        public String shortForm() {
            return path + ":" + line;
        }
    }

    /** See {@link ValueOrigin#DYNAMIC}. */
    record Dynamic() implements ValueOrigin {
        @Override
        public String describe() {
            return "-D";
        }

        @Override
        public String shortForm() {
            return "-D";
        }
    }

    /** See {@link ValueOrigin#PROGRAMMATIC}. */
    record Programmatic() implements ValueOrigin {
        @Override
        public String describe() {
            return "set programmatically";
        }

        @Override
        public String shortForm() {
            return "programmatic";
        }
    }
}
