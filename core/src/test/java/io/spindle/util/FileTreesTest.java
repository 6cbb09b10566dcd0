package io.spindle.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path tmp;

    @Test
    void deletesTheWholeTreeButNotTheTargetsOfLinks() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep");
        Path root = Files.createDirectories(tmp.resolve("root/a/b"));
        Files.writeString(root.resolve("f.txt"), "x");
        Files.writeString(tmp.resolve("root/g.txt"), "y");
        Files.createSymbolicLink(tmp.resolve("root/link"), outside);

        FileTrees.deleteRecursively(tmp.resolve("root"));

        assertThat(tmp.resolve("root")).doesNotExist();
        assertThat(outside).hasContent("keep");
    }

    @Test
    void aMissingRootIsNoError() throws Exception {
        FileTrees.deleteRecursively(tmp.resolve("nothing-here"));
        assertThat(tmp.resolve("nothing-here")).doesNotExist();
    }
}
