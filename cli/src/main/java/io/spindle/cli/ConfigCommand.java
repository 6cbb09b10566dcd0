package io.spindle.cli;

import io.spindle.configuration.ConfigEntry;
import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptionRegistry;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityRequirements;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.LoadedConfiguration;
import io.spindle.configuration.ValueOrigin;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spindle config}: validates the effective configuration ({@code config.yaml} plus
 * {@code -D}) and lists every key that is set or has a default, with its value and origin;
 * {@code --explain KEY} describes one option instead.
 *
 * <p>Warnings (unknown or deprecated keys) go to standard error as {@code Warning: ...} lines.
 * Configuration errors go to standard error as one {@code Error: ...} line each, and the command
 * exits with {@link ExitCodes#USAGE_OR_CONFIG}; nothing is listed then. A key that is required is
 * an error when missing: with {@code high-availability.type: zookeeper}, the quorum (well-formed)
 * and the storageDir ({@link HighAvailabilityRequirements}).
 *
 * <p>Not thread-safe: one instance serves one invocation.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = {
            "Check the configuration (config.yaml overridden by -D) and show every value with its origin.",
            "Origins: 'default', FILE:LINE, or '-D'."
        })
public final class ConfigCommand implements Callable<Integer> {

    private static final int WRAP_COLUMNS = 100;

    @Mixin
    private ConfigurationMixin configuration;

    @Option(names = "--explain", paramLabel = "KEY",
            description = "Describe one option: its type, default, deprecated keys and meaning.")
    private String explainKey;

    @Spec
    private CommandSpec spec;

    private final ConfigOptionRegistry registry = ConfigOptionRegistry.defaults();

    /** One line of the listing. */
    private record Row(String key, String value, String origin) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return explainKey != null ? explain(explainKey.strip(), out, err) : check(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int check(PrintWriter out, PrintWriter err) {
        LoadedConfiguration loaded;
        try {
            loaded = configuration.loadWithWarnings();
        } catch (IllegalConfigurationException e) {
            err.println("Error: " + e.getMessage());
            return ExitCodes.USAGE_OR_CONFIG;
        }
        loaded.warnings().forEach(warning -> err.println("Warning: " + warning));
        Configuration conf = loaded.configuration();
        List<IllegalConfigurationException> errors = new ArrayList<>(conf.validate(registry.options()));
        if (errors.isEmpty()) {
            errors.addAll(HighAvailabilityRequirements.violations(conf));
        }
        if (!errors.isEmpty()) {
            errors.forEach(e -> err.println("Error: " + e.getMessage()));
            return ExitCodes.USAGE_OR_CONFIG;
        }
        printTable(rows(conf), out);
        return 0;
    }

    /** Every option that is set or has a default, then every other key that is set; by key. */
    private List<Row> rows(Configuration conf) {
        TreeMap<String, Row> rows = new TreeMap<>();
        for (ConfigOption<?> option : registry.options()) {
            Optional<ConfigEntry> entry = conf.entry(option);
            if (entry.isPresent()) {
                ConfigEntry e = entry.get();
                String origin = e.origin().shortForm()
                        + (e.key().equals(option.key()) ? "" : " (as deprecated '" + e.key() + "')");
                rows.put(option.key(), new Row(option.key(), display(e.rawValue()), origin));
            } else if (option.hasDefault()) {
                rows.put(option.key(), new Row(option.key(), display(option.formattedDefault().orElseThrow()),
                        ValueOrigin.DEFAULT.shortForm()));
            }
        }
        for (ConfigEntry e : conf.entries()) {
            if (registry.find(e.key()).isEmpty()) {
                rows.put(e.key(), new Row(e.key(), display(e.rawValue()), e.origin().shortForm() + " (unknown key)"));
            }
        }
        return new ArrayList<>(rows.values());
    }

    private static void printTable(List<Row> rows, PrintWriter out) {
        Row header = new Row("KEY", "VALUE", "ORIGIN");
        int keyWidth = header.key().length();
        int valueWidth = header.value().length();
        for (Row row : rows) {
            keyWidth = Math.max(keyWidth, row.key().length());
            valueWidth = Math.max(valueWidth, row.value().length());
        }
        String format = "%-" + keyWidth + "s  %-" + valueWidth + "s  %s%n";
        out.printf(format, header.key(), header.value(), header.origin());
        for (Row row : rows) {
            out.printf(format, row.key(), row.value(), row.origin());
        }
    }

    private int explain(String key, PrintWriter out, PrintWriter err) {
        Optional<ConfigOption<?>> found = registry.find(key);
        if (found.isEmpty()) {
            err.println("Error: Unknown key '" + key + "'"
                    + registry.suggest(key).map(s -> "; did you mean '" + s + "'?").orElse(""));
            return ExitCodes.USAGE_OR_CONFIG;
        }
        ConfigOption<?> option = found.get();
        if (!option.key().equals(key)) {
            out.println("'" + key + "' is a deprecated key of '" + option.key() + "'.");
            out.println();
        }
        out.println("Key:            " + option.key());
        out.println("Type:           " + option.type().name() + " (" + option.type().expectation() + ")");
        out.println("Default:        " + option.formattedDefault().map(ConfigCommand::display).orElse("(none)"));
        out.println("Fallback keys:  " + (option.fallbackKeys().isEmpty()
                ? "(none)" : String.join(", ", option.fallbackKeys()) + " (deprecated)"));
        out.println("Description:    " + wrap(option.description(), "                "));
        return 0;
    }

    /** A value as one visible line: empty shows as {@code ''}, line breaks as {@code \n}. */
    private static String display(String value) {
        return value.isEmpty() ? "''" : value.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** Wraps {@code text} at word boundaries; continuation lines start with {@code indent}. */
    private static String wrap(String text, String indent) {
        StringBuilder wrapped = new StringBuilder();
        int column = indent.length();
        for (String word : text.split("\\s+")) {
            if (column > indent.length() && column + 1 + word.length() > WRAP_COLUMNS) {
                wrapped.append(System.lineSeparator()).append(indent);
                column = indent.length();
            } else if (column > indent.length()) {
                wrapped.append(' ');
                column++;
            }
            wrapped.append(word);
            column += word.length();
        }
        return wrapped.toString();
    }
}
