package io.spindle.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void replacesTheFileCreatesItsFolderAndLeavesNoTemporaryFile() throws Exception {
        Path file = tmp.resolve("a/b/state.txt");

        AtomicFiles.replace(file, t -> Files.writeString(t, "one"));
        AtomicFiles.replace(file, t -> Files.writeString(t, "two"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

        assertThat(file).hasContent("two");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteKeepsTheOldContentAndRemovesTheTemporaryFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("state.txt"), "old");

        assertThatThrownBy(() -> AtomicFiles.replace(file, t -> {
            Files.writeString(t, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(file).hasContent("old");
        try (var entries = Files.list(tmp)) {
            assertThat(entries).containsExactly(file);
        }
    }
}
