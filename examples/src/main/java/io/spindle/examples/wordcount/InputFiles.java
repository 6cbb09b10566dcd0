package io.spindle.examples.wordcount;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Assigns input files to tasks: the files directly in the input directory (names starting with
 * {@code _} or {@code .} skipped), sorted by name; task i takes those whose index modulo the
 * parallelism is i. Stateless and thread-safe.
 */
final class InputFiles {

    private InputFiles() {}

    /**
     * @throws java.io.FileNotFoundException if the input directory does not exist
     * @throws IOException if listing fails
     */
    static List<Path> assigned(FileSystem fs, Path inputDir, int taskIndex, int parallelism) throws IOException {
        FileStatus[] listed = fs.listStatus(inputDir);
        List<Path> all = Arrays.stream(listed)
                .filter(FileStatus::isFile)
                .map(FileStatus::getPath)
                .filter(p -> !p.getName().startsWith("_") && !p.getName().startsWith("."))
                .sorted(Comparator.comparing(Path::getName))
                .toList();
        List<Path> mine = new ArrayList<>();
        for (int i = taskIndex; i < all.size(); i += parallelism) {
            mine.add(all.get(i));
        }
        return mine;
    }
}
