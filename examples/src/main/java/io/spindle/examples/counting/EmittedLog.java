package io.spindle.examples.counting;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.spindle.examples.sink.SinkLayout;

/**
 * What one instance of a counting task emitted, so that a test or benchmark can tell how many
 * records were produced in total ({@link #total}) and so how many were produced more than once
 * (total minus the records in the output): with {@code --emitted-log}, every task instance (one
 * {@link CountingTask#open}) writes the file
 * {@code _emitted/task-<index>-<deployment>-<instance>} below the output directory, holding one
 * line {@code <first> <next>}: it emitted the records {@code [first, next)} since it was opened.
 * The instance is a random id, so a task opened twice in one deployment writes two files.
 *
 * <p>The file is overwritten at every snapshot and at close, and only then: <b>records an instance
 * emitted after its last snapshot are not counted when it ends without close</b> (a {@code kill -9}
 * of its TaskExecutor), so the total is a lower bound of what was emitted in that case. Output
 * checks ignore the directory ({@link CountingOutput} reads only {@code part-*} files).
 *
 * <p>Not thread-safe: one per task instance, driven by its thread; {@link #total} is stateless.
 */
public final class EmittedLog {

    /** Directory, below the output directory, of the emitted-range files. */
    public static final String DIR = "_emitted";

    private final FileSystem fs;
    private final Path file;
    private final long first;

    private EmittedLog(FileSystem fs, Path file, long first) {
        this.fs = fs;
        this.file = file;
        this.first = first;
    }

    /**
     * A log for a task instance opened at record {@code first}; writes nothing yet.
     *
     * @param outputDir the job's output directory
     * @throws IllegalArgumentException if the deployment id is empty or the index or first record negative
     */
    static EmittedLog open(FileSystem fs, Path outputDir, int taskIndex, String deploymentId, long first) {
        if (taskIndex < 0 || first < 0) {
            throw new IllegalArgumentException("task index and first record must not be negative: " + taskIndex
                    + ", " + first);
        }
        String name = String.format(Locale.ROOT, "task-%05d-%s-%s", taskIndex, SinkLayout.token(deploymentId),
                UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        return new EmittedLog(fs, new Path(new Path(outputDir, DIR), name), first);
    }

    /** The file this instance writes. */
    Path file() {
        return file;
    }

    /**
     * Records that this instance emitted {@code [first, next)}, replacing what it recorded before.
     *
     * @throws IllegalArgumentException if {@code next} is below the first record
     * @throws IOException if the file cannot be written
     */
    void record(long next) throws IOException {
        if (next < first) {
            throw new IllegalArgumentException("next record " + next + " is below the first " + first);
        }
        try (OutputStream out = fs.create(file, true)) {
            out.write((first + " " + next + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The records emitted by every task instance that recorded its range below {@code outputDir}.
     *
     * @return the sum of {@code next - first} over the files; 0 when there is no {@value #DIR} directory
     * @throws IOException if a file cannot be read or does not hold one {@code <first> <next>} line
     */
    public static long total(FileSystem fs, Path outputDir) throws IOException {
        FileStatus[] files;
        try {
            files = fs.listStatus(new Path(outputDir, DIR));
        } catch (FileNotFoundException e) {
            return 0;
        }
        long total = 0;
        for (FileStatus status : files) {
            if (status.isFile()) {
                total += emitted(fs, status.getPath());
            }
        }
        return total;
    }

    private static long emitted(FileSystem fs, Path file) throws IOException {
        String line;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            line = reader.readLine();
        }
        String[] range = line == null ? new String[0] : line.trim().split(" ");
        try {
            long first = Long.parseLong(range[0]);
            long next = Long.parseLong(range[1]);
            if (range.length == 2 && first >= 0 && next >= first) {
                return next - first;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        throw new IOException(file + " does not hold an emitted range '<first> <next>': '" + line + "'");
    }
}
