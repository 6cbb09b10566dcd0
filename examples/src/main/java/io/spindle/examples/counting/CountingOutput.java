package io.spindle.examples.counting;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.spindle.examples.sink.SinkLayout;

/**
 * Checks the output of a {@link CountingJob}: reads every visible {@code part-*} file directly in
 * the output directory (hidden {@code _*} and {@code .*} entries are ignored) and compares the lines
 * with the expected {@code "i,n"} for every task i below the parallelism and n below the count.
 *
 * <p>Also a command line: {@code CountingOutput <output> <parallelism> <countPerTask>} prints
 * {@link Report#describe()} and exits 0 when the output is exactly-once, 1 when it is not, 2 on bad
 * arguments or an I/O error.
 *
 * <p>Stateless and thread-safe.
 */
public final class CountingOutput {

    /** How many examples a report keeps of each kind of problem. */
    public static final int MAX_EXAMPLES = 5;

    private CountingOutput() {}

    /**
     * What the output holds compared with what it should. Immutable and thread-safe.
     *
     * @param expected records expected: parallelism × count
     * @param found valid records read, duplicates included
     * @param distinct distinct valid records read
     * @param duplicates extra copies of valid records ({@code found - distinct})
     * @param missing expected records not found
     * @param unexpected lines that are no expected record (malformed or out of range)
     * @param files number of {@code part-*} files read
     * @param duplicateExamples up to {@value #MAX_EXAMPLES} duplicated records
     * @param missingExamples up to {@value #MAX_EXAMPLES} missing records
     * @param unexpectedExamples up to {@value #MAX_EXAMPLES} unexpected lines
     */
    public record Report(long expected, long found, long distinct, long duplicates, long missing, long unexpected,
            int files, List<String> duplicateExamples, List<String> missingExamples,
            List<String> unexpectedExamples) {

        /** Copies the example lists. */
        public Report {
            duplicateExamples = List.copyOf(duplicateExamples);
            missingExamples = List.copyOf(missingExamples);
            unexpectedExamples = List.copyOf(unexpectedExamples);
        }

        /** Whether every expected record is there exactly once and nothing else is. */
        public boolean exactlyOnce() {
            return duplicates == 0 && missing == 0 && unexpected == 0 && distinct == expected;
        }

        /** One line, e.g. {@code exactly-once: 4000 of 4000 records in 12 files}. */
        public String describe() {
            if (exactlyOnce()) {
                return "exactly-once: " + distinct + " of " + expected + " records in " + files + " files";
            }
            StringBuilder sb = new StringBuilder("NOT exactly-once: expected ").append(expected)
                    .append(" records, found ").append(found).append(" (").append(distinct).append(" distinct) in ")
                    .append(files).append(" files; ").append(duplicates).append(" duplicates");
            appendExamples(sb, duplicateExamples);
            sb.append(", ").append(missing).append(" missing");
            appendExamples(sb, missingExamples);
            sb.append(", ").append(unexpected).append(" unexpected");
            appendExamples(sb, unexpectedExamples);
            return sb.toString();
        }

        private static void appendExamples(StringBuilder sb, List<String> examples) {
            if (!examples.isEmpty()) {
                sb.append(" (e.g. ").append(String.join(" ", examples)).append(')');
            }
        }
    }

    /**
     * Reads the output of a counting job.
     *
     * @param fs the file system holding {@code outputDir}
     * @param outputDir the job's {@code --output}; a missing directory counts as empty output
     * @param parallelism the job's parallelism, at least 1
     * @param countPerTask the job's {@code --count}, from 0 to {@link Integer#MAX_VALUE}
     * @throws IllegalArgumentException if parallelism or count is out of range
     * @throws IOException if listing or reading fails
     */
    public static Report verify(FileSystem fs, Path outputDir, int parallelism, long countPerTask) throws IOException {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(outputDir, "outputDir");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        if (countPerTask < 0 || countPerTask > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("count per task must be in 0.." + Integer.MAX_VALUE + ", not " + countPerTask);
        }
        Tally tally = new Tally(parallelism, (int) countPerTask);
        List<FileStatus> parts = listParts(fs, outputDir);
        for (FileStatus part : parts) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(fs.open(part.getPath()), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    tally.add(line);
                }
            }
        }
        return tally.report(parts.size());
    }

    private static List<FileStatus> listParts(FileSystem fs, Path outputDir) throws IOException {
        FileStatus[] all;
        try {
            all = fs.listStatus(outputDir);
        } catch (FileNotFoundException e) {
            return List.of();
        }
        List<FileStatus> parts = new ArrayList<>();
        for (FileStatus status : all) {
            if (status.isFile() && SinkLayout.isPartFile(status.getPath().getName())) {
                parts.add(status);
            }
        }
        parts.sort(Comparator.comparing(s -> s.getPath().getName()));
        return parts;
    }

    /** Counts records; one per verification. */
    private static final class Tally {
        private final int count;
        private final BitSet[] seen;
        private long found;
        private long duplicates;
        private long unexpected;
        private final List<String> duplicateExamples = new ArrayList<>();
        private final List<String> unexpectedExamples = new ArrayList<>();

        Tally(int parallelism, int count) {
            this.count = count;
            this.seen = new BitSet[parallelism];
            Arrays.setAll(seen, i -> new BitSet(count));
        }

        void add(String line) {
            int comma = line.indexOf(',');
            int task;
            long n;
            try {
                task = comma < 0 ? -1 : Integer.parseInt(line.substring(0, comma));
                n = comma < 0 ? -1 : Long.parseLong(line.substring(comma + 1));
            } catch (NumberFormatException e) {
                task = -1;
                n = -1;
            }
            if (task < 0 || task >= seen.length || n < 0 || n >= count
                    || !line.equals(task + "," + n)) { // rejects "+1,2", "01,2" and the like
                unexpected++;
                example(unexpectedExamples, "'" + line + "'");
                return;
            }
            found++;
            if (seen[task].get((int) n)) {
                duplicates++;
                example(duplicateExamples, line);
            } else {
                seen[task].set((int) n);
            }
        }

        Report report(int files) {
            long expected = (long) seen.length * count;
            long distinct = 0;
            List<String> missingExamples = new ArrayList<>();
            for (int task = 0; task < seen.length; task++) {
                distinct += seen[task].cardinality();
                for (int n = seen[task].nextClearBit(0); n < count && missingExamples.size() < MAX_EXAMPLES;
                        n = seen[task].nextClearBit(n + 1)) {
                    missingExamples.add(task + "," + n);
                }
            }
            return new Report(expected, found, distinct, duplicates, expected - distinct, unexpected, files,
                    duplicateExamples, missingExamples, unexpectedExamples);
        }

        private static void example(List<String> examples, String example) {
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(example);
            }
        }
    }

    /**
     * Command line: {@code <output> <parallelism> <countPerTask>}; exits 0 when exactly-once, 1 when
     * not, 2 on bad arguments or an I/O error. Uses the default Hadoop configuration (set
     * {@code HADOOP_CONF_DIR} or give a full URI).
     */
    public static void main(String[] args) {
        System.exit(run(args, new Configuration(), System.out, System.err));
    }

    /**
     * What {@link #main} does, without exiting.
     *
     * @return the exit code: 0 exactly-once, 1 not, 2 bad arguments or I/O error
     */
    public static int run(String[] args, Configuration conf, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("usage: CountingOutput <output> <parallelism> <countPerTask>");
            return 2;
        }
        try {
            Path output = new Path(args[0]);
            int parallelism = Integer.parseInt(args[1]);
            long count = Long.parseLong(args[2]);
            Report report;
            try (FileSystem fs = FileSystem.newInstance(output.toUri(), conf)) {
                report = verify(fs, output, parallelism, count);
            }
            out.println(report.describe());
            return report.exactlyOnce() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            err.println("bad arguments: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + args[0] + ": " + e);
            return 2;
        }
    }
}
