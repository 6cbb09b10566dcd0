package io.spindle.examples.testing;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Lists file names in an output directory, for assertions. */
public final class OutputFiles {

    private OutputFiles() {}

    /** Sorted names of the files directly in {@code dir}, without checksum files; empty if it is missing. */
    public static List<String> names(FileSystem fs, Path dir) throws IOException {
        try {
            return Arrays.stream(fs.listStatus(dir))
                    .filter(FileStatus::isFile)
                    .map(s -> s.getPath().getName())
                    .filter(n -> !n.endsWith(".crc"))
                    .sorted()
                    .toList();
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    /** Sorted names of the visible {@code part-*} files in {@code dir}. */
    public static List<String> parts(FileSystem fs, Path dir) throws IOException {
        return names(fs, dir).stream().filter(n -> n.startsWith("part-")).toList();
    }

    /** Sorted names in the {@code _pending} directory. */
    public static List<String> pending(FileSystem fs, Path dir) throws IOException {
        return names(fs, new Path(dir, "_pending"));
    }

    /** Sorted names in the {@code _in-progress} directory. */
    public static List<String> inProgress(FileSystem fs, Path dir) throws IOException {
        return names(fs, new Path(dir, "_in-progress"));
    }
}
