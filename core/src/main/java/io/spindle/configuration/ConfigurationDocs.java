package io.spindle.configuration;

import java.util.Objects;

/**
 * Generates the Markdown reference of every option ({@code docs/configuration.md}): how values
 * are written and which source wins, then one table per {@link ConfigOptionRegistry.Section} with
 * key, type, default and description.
 *
 * <p>The output depends only on the registry, so it is stable from run to run; a test compares it
 * with the checked-in file. Immutable and thread-safe.
 */
public final class ConfigurationDocs {

    /** The command that rewrites the checked-in file. */
    public static final String REGENERATE_COMMAND =
            "mvn -pl core -am test -Dtest=ConfigurationDocsTest -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dspindle.docs.update=true";

    private final ConfigOptionRegistry registry;

    /** Documents the options of {@code registry}. */
    public ConfigurationDocs(ConfigOptionRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The whole Markdown page, ending with a newline. */
    public String generate() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append("<!-- Generated from the option definitions in core (io.spindle.configuration) by\n")
                .append("     ConfigurationDocs. Do not edit by hand; regenerate with\n")
                .append("     ").append(REGENERATE_COMMAND).append(" -->\n\n");
        md.append("""
                Spindle reads `config.yaml` from its configuration directory: `--conf-dir DIR` on the \
                command line, else the `SPINDLE_CONF_DIR` environment variable, else the distribution's \
                `conf/`. A missing `config.yaml` is fine: every option then has its default.

                Keys can be written flat or as nested YAML, and both styles can be mixed; these two \
                files are the same:

                ```yaml
                high-availability.type: zookeeper
                high-availability.zookeeper.quorum: zk-host1:2181,zk-host2:2181
                ```

                ```yaml
                high-availability:
                  type: zookeeper
                  zookeeper:
                    quorum: zk-host1:2181,zk-host2:2181
                ```

                ## Precedence

                1. `-D key=value` on the command line (repeatable, accepted by every `spindle` command);
                2. `config.yaml`;
                3. the option's default.

                An option listed with deprecated keys still reads them when its own key is not set, \
                and warns. A key that no option knows is not an error, but is reported with the \
                nearest known key (`Unknown key '...'; did you mean '...'?`). `spindle config` checks \
                every value and shows where each comes from, and exits 1 when a value is malformed or a \
                required key is missing (with `high-availability.type: zookeeper`: \
                `high-availability.zookeeper.quorum`, well-formed, and `high-availability.storageDir`; so a \
                misspelled quorum key gives the did-you-mean warning and the error that the quorum is not \
                set); `spindle config --explain KEY` describes one option.

                ## Value formats

                | Type | How to write it |
                |---|---|
                | Duration | A whole number and a unit: `ms`, `s`, `min`, `h`, `d` (long forms such as \
                `seconds`, `minutes` work too, as do `us` and `ns`). A bare number is milliseconds. \
                Examples: `5 s`, `500ms`, `1 min`. |
                | MemorySize | A whole number and a unit: `b`, `k`/`kb`, `m`/`mb`, `g`/`gb`, `t`/`tb` \
                (powers of 1024, any case). A bare number is bytes. Examples: `1600m`, `512 mb`, `1 gb`. |
                | PortRange | A port, a range or a comma-separated list of both, ports 0 to 65535: \
                `50010`, `50000-50025`, `50010,50020-50025`. `0` alone means any free port. |
                | Boolean | `true` or `false`. |
                | Enum | One of the listed names, in any case. |
                | List&lt;String&gt; | Comma-separated (`a,b,c`) or a YAML list. |
                | Integer, Long, String | As written; surrounding blanks are ignored. |
                """);
        for (ConfigOptionRegistry.Section section : registry.sections()) {
            md.append("\n## ").append(section.title()).append("\n\n")
                    .append("| Key | Type | Default | Description |\n")
                    .append("|---|---|---|---|\n");
            for (ConfigOption<?> option : section.options()) {
                md.append("| `").append(option.key()).append("` | ")
                        .append(cell(typeOf(option))).append(" | ")
                        .append(option.formattedDefault().map(d -> "`" + d + "`").orElse("(none)")).append(" | ")
                        .append(cell(descriptionOf(option))).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String typeOf(ConfigOption<?> option) {
        if (option.type() instanceof EnumValueType<?> enumType) {
            return "Enum: " + enumType.constantNames();
        }
        return option.type().name().replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String descriptionOf(ConfigOption<?> option) {
        if (option.fallbackKeys().isEmpty()) {
            return option.description();
        }
        return option.description() + " Deprecated keys: "
                + String.join(", ", option.fallbackKeys().stream().map(k -> "`" + k + "`").toList()) + ".";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
