package io.spindle.bench.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The word count's input, written once from a seed, and the check of an output against the counts
 * it must have: the word count example writes {@code word<TAB>count} lines per task into
 * {@code part-*} files, and a word's total is the sum over the files.
 *
 * <p>Immutable after {@link #write}; thread-safe.
 */
final class WordCountData {

    /** The result of one check: counts too low (lost), too high or unexpected words (duplicated). */
    record Verdict(long lost, long duplicated, String describe) {}

    private final Path input;
    private final Map<String, Long> expected;

    private WordCountData(Path input, Map<String, Long> expected) {
        this.input = input;
        this.expected = Map.copyOf(expected);
    }

    /** Writes {@code files} files of {@code lines} lines of 10 words (from 500 random ones) below {@code input}. */
    static WordCountData write(FileSystem fs, Path input, long seed, int files, int lines) throws IOException {
        Random random = new Random(seed);
        String[] vocabulary = new String[500];
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int c = 0, n = 3 + random.nextInt(6); c < n; c++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            vocabulary[i] = word.toString();
        }
        Map<String, Long> counts = new HashMap<>();
        for (int f = 0; f < files; f++) {
            try (Writer out = new OutputStreamWriter(fs.create(new Path(input, String.format("text-%02d.txt", f))),
                    StandardCharsets.UTF_8)) {
                for (int l = 0; l < lines; l++) {
                    StringBuilder line = new StringBuilder();
                    for (int w = 0; w < 10; w++) {
                        String word = vocabulary[random.nextInt(vocabulary.length)];
                        counts.merge(word, 1L, Long::sum);
                        line.append(w == 0 ? "" : " ").append(word);
                    }
                    out.write(line.append('\n').toString());
                }
            }
        }
        return new WordCountData(input, counts);
    }

    /** The input folder. */
    Path input() {
        return input;
    }

    /** Compares the {@code part-*} files below {@code output} with the expected counts. */
    Verdict verify(FileSystem fs, Path output) throws IOException {
        Map<String, Long> found = new HashMap<>();
        int files = 0;
        for (FileStatus file : fs.listStatus(output)) {
            if (!file.getPath().getName().startsWith("part-")) {
                continue;
            }
            files++;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file.getPath()),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int tab = line.indexOf('\t');
                    found.merge(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)), Long::sum);
                }
            }
        }
        long lost = 0;
        long duplicated = 0;
        Set<String> words = new HashSet<>(expected.keySet());
        words.addAll(found.keySet());
        for (String word : words) {
            long diff = found.getOrDefault(word, 0L) - expected.getOrDefault(word, 0L);
            if (diff < 0) {
                lost -= diff;
            } else {
                duplicated += diff;
            }
        }
        long total = expected.values().stream().mapToLong(Long::longValue).sum();
        return new Verdict(lost, duplicated, (lost == 0 && duplicated == 0 ? "exactly-once: " : "WRONG: ")
                + total + " words expected, " + files + " files, " + lost + " lost, " + duplicated + " extra");
    }
}
