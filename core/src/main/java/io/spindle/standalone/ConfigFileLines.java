package io.spindle.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading a cluster file into its meaningful lines, with their numbers. */
final class ConfigFileLines {

    /** A line with content: its 1-based number and its text, trimmed, comment removed. */
    record Line(int number, String text) {
    }

    private ConfigFileLines() {
    }

    /** The lines of {@code path}; a missing or unreadable file is a {@link ConfigFileException}. */
    static List<String> read(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ConfigFileException.unreadable(path.toString(), "file not found", e);
        } catch (IOException e) {
            throw ConfigFileException.unreadable(path.toString(), "cannot read: " + e, e);
        }
    }

    /**
     * The non-blank lines, trimmed. With {@code trailingComments}, everything from {@code #} on is a
     * comment; without, only lines starting with {@code #} are (as in Java properties files).
     */
    static List<Line> meaningful(List<String> lines, boolean trailingComments) {
        List<Line> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (i == 0 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            text = text.strip();
            if (text.startsWith("#")) {
                continue;
            }
            if (trailingComments) {
                int hash = text.indexOf('#');
                if (hash >= 0) {
                    text = text.substring(0, hash).strip();
                }
            }
            if (!text.isEmpty()) {
                result.add(new Line(i + 1, text));
            }
        }
        return result;
    }
}
