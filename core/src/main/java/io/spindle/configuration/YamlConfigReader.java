package io.spindle.configuration;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one YAML configuration file into flat {@link ConfigEntry entries}: nested mappings become
 * dotted keys ({@code a: {b: 1}} is {@code a.b}), lists of scalars become comma-joined values,
 * empty values ({@code key:} or {@code ~}) are left out, and each entry remembers the 1-based line
 * of its value.
 *
 * <p>Stateless and thread-safe. Every failure is an {@link IllegalConfigurationException} naming
 * the file and, where known, the line.
 */
final class YamlConfigReader {

    /** Deeper nesting than this is treated as a mistake (or a recursive alias). */
    private static final int MAX_DEPTH = 32;

    /**
     * @param file the file, named as it should appear in messages
     * @throws IllegalConfigurationException if the file cannot be read, is not valid YAML, is not
     *     a mapping of keys to scalars or lists, or sets a key twice
     */
    List<ConfigEntry> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file);
        } catch (IOException e) {
            throw new IllegalConfigurationException("Cannot read " + file + ": " + e, e);
        }
    }

    /** As {@link #read(Path)}, from an open reader; {@code file} only names the source. */
    List<ConfigEntry> read(Reader reader, Path file) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setAllowDuplicateKeys(true) // reported below, with both lines
                .setUseMarks(true)
                .setSchema(new CoreSchema()) // so that '~' and 'null' are empty values, as in YAML 1.2
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeReader(reader);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String where = mark.map(m -> file + ", line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                    .orElse(file.toString());
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            // The parser's own message spans several lines (with a snippet): keep it out of the
            // one-line message, but at hand for stack traces.
            IllegalConfigurationException error =
                    new IllegalConfigurationException("Invalid YAML (" + where + "): " + problem);
            error.addSuppressed(e);
            throw error;
        } catch (YamlEngineException e) {
            throw new IllegalConfigurationException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root.isEmpty()) {
            return List.of();
        }
        if (isNull(root.get())) {
            return List.of();
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            throw new IllegalConfigurationException("Invalid configuration (" + file + ", line "
                    + line(root.get()) + "): expected 'key: value' entries at the top level");
        }
        Flattener flattener = new Flattener(file);
        flattener.flatten("", mapping, 0);
        return flattener.entries;
    }

    /** Walks one document; not thread-safe, used by one read only. */
    private static final class Flattener {
        private final Path file;
        private final List<ConfigEntry> entries = new ArrayList<>();
        private final Map<String, Integer> firstLines = new HashMap<>();

        Flattener(Path file) {
            this.file = file;
        }

        void flatten(String prefix, MappingNode mapping, int depth) {
            if (depth > MAX_DEPTH) {
                throw error(mapping, "nested more than " + MAX_DEPTH + " levels deep");
            }
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getValue().isBlank()) {
                    throw error(tuple.getKeyNode(), "keys must be plain names such as 'high-availability.type'");
                }
                String key = prefix.isEmpty() ? keyNode.getValue().strip() : prefix + "." + keyNode.getValue().strip();
                Node value = tuple.getValueNode();
                if (value instanceof MappingNode nested) {
                    flatten(key, nested, depth + 1);
                    continue;
                }
                Integer first = firstLines.putIfAbsent(key, line(keyNode));
                if (first != null) {
                    throw new IllegalConfigurationException("Duplicate key '" + key + "' (" + file + ", line "
                            + line(keyNode) + "): already set on line " + first);
                }
                if (value instanceof SequenceNode sequence) {
                    entries.add(new ConfigEntry(key, join(key, sequence), ValueOrigin.file(file, line(value))));
                } else if (!isNull(value)) {
                    ScalarNode scalar = (ScalarNode) value;
                    entries.add(new ConfigEntry(key, scalar.getValue(), ValueOrigin.file(file, line(value))));
                }
            }
        }

        private String join(String key, SequenceNode sequence) {
            List<String> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode scalar)) {
                    throw error(item, "the list of '" + key + "' may only hold plain values");
                }
                if (!isNull(item)) {
                    items.add(scalar.getValue().strip());
                }
            }
            return String.join(",", items);
        }

        private IllegalConfigurationException error(Node node, String problem) {
            return new IllegalConfigurationException(
                    "Invalid configuration (" + file + ", line " + line(node) + "): " + problem);
        }
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }
}
