package io.spindle.examples.wordcount;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits text into words: maximal runs of letters and digits, lower-cased (so "Don't" gives "don"
 * and "t"). Stateless and thread-safe.
 */
final class Words {

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Words() {}

    /** Adds one to {@code counts} for every word of {@code line}. */
    static void count(String line, Map<String, Long> counts) {
        for (String word : SEPARATORS.split(line.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                counts.merge(word, 1L, Long::sum);
            }
        }
    }
}
