package io.spindle.examples.wordcount;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads the lines of a list of UTF-8 text files in order, from a position (file index, line
 * number) that can be saved and resumed from.
 *
 * <p>Not thread-safe; used by one task.
 */
final class LineCursor implements Closeable {

    private final FileSystem fs;
    private final List<Path> files;
    private int fileIndex;
    private long lineNumber;
    private BufferedReader reader;

    /**
     * @throws IllegalStateException if the position is beyond the files (the input changed)
     */
    LineCursor(FileSystem fs, List<Path> files, int fileIndex, long lineNumber) {
        if (fileIndex < 0 || fileIndex > files.size() || lineNumber < 0
                || (fileIndex == files.size() && lineNumber > 0)) {
            throw new IllegalStateException("restored read position (file " + fileIndex + ", line " + lineNumber
                    + ") is beyond the " + files.size() + " input file(s); did the input change?");
        }
        this.fs = fs;
        this.files = List.copyOf(files);
        this.fileIndex = fileIndex;
        this.lineNumber = lineNumber;
    }

    /**
     * Passes up to {@code maxLines} next lines to {@code consumer}, moving on to the next file at
     * the end of one.
     *
     * @return how many lines were passed on; fewer than {@code maxLines} only when exhausted
     * @throws IllegalStateException if a file is shorter than a restored position says
     * @throws IOException if reading fails
     */
    int read(int maxLines, Consumer<String> consumer) throws IOException {
        int read = 0;
        while (read < maxLines && !exhausted()) {
            if (reader == null) {
                openCurrent();
            }
            String line = reader.readLine();
            if (line == null) {
                closeReader();
                fileIndex++;
                lineNumber = 0;
                continue;
            }
            consumer.accept(line);
            lineNumber++;
            read++;
        }
        return read;
    }

    /** Whether every line of every file was read. */
    boolean exhausted() {
        return fileIndex >= files.size();
    }

    /** Index of the file being read. */
    int fileIndex() {
        return fileIndex;
    }

    /** Lines of the current file already read. */
    long lineNumber() {
        return lineNumber;
    }

    private void openCurrent() throws IOException {
        Path file = files.get(fileIndex);
        reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8));
        for (long skipped = 0; skipped < lineNumber; skipped++) {
            if (reader.readLine() == null) {
                throw new IllegalStateException(file + " has only " + skipped + " lines, but the restored position is line "
                        + lineNumber + "; did the input change?");
            }
        }
    }

    private void closeReader() throws IOException {
        if (reader != null) {
            BufferedReader r = reader;
            reader = null;
            r.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeReader();
    }
}
