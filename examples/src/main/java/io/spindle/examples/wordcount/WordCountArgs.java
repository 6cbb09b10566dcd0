package io.spindle.examples.wordcount;

import java.util.List;
import java.util.Set;

import org.apache.hadoop.fs.Path;

import io.spindle.examples.common.Arguments;

/**
 * The arguments of {@link WordCountJob}: {@code --input <dir>} and {@code --output <dir>}, both
 * required paths or URIs on Hadoop file systems.
 *
 * <p>Immutable and thread-safe.
 *
 * @param input the directory of input text files
 * @param output the output directory
 */
public record WordCountArgs(String input, String output) {

    private static final Set<String> VALUE_OPTIONS = Set.of("input", "output");

    /**
     * Parses and checks program arguments.
     *
     * @throws IllegalArgumentException with a one-line message naming the wrong argument
     */
    public static WordCountArgs parse(List<String> arguments) {
        Arguments args = Arguments.parse(arguments, VALUE_OPTIONS, Set.of());
        String input = checkPath("input", args.required("input"));
        String output = checkPath("output", args.required("output"));
        return new WordCountArgs(input, output);
    }

    /** The input directory as a Hadoop path. */
    public Path inputPath() {
        return new Path(input);
    }

    /** The output directory as a Hadoop path. */
    public Path outputPath() {
        return new Path(output);
    }

    private static String checkPath(String name, String value) {
        try {
            new Path(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + " is not a valid path: " + e.getMessage());
        }
    }
}
