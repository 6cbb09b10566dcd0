package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link Configuration} as flat {@code key: value} YAML, one entry per line, sorted by
 * key, so that Spindle's configuration loader reads back exactly the same raw values.
 *
 * <p>Every value is written as a double-quoted YAML scalar (so {@code true}, {@code 1e3},
 * {@code null}, {@code ~}, {@code # ...}, leading spaces or an empty value stay the text they are);
 * keys are written plain when they consist of letters, digits, {@code . _ -} and double-quoted
 * otherwise. Non-printable characters are escaped.
 *
 * <p>Stateless and thread-safe.
 */
final class FlatYamlWriter {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private FlatYamlWriter() {
    }

    /** The YAML document (UTF-8) of {@code config}'s raw values, after a comment line {@code header}. */
    static byte[] write(Configuration config, String header) {
        StringBuilder out = new StringBuilder();
        for (String line : header.split("\\R")) {
            out.append("# ").append(line).append('\n');
        }
        for (Map.Entry<String, String> e : config.toMap().entrySet()) {
            out.append(key(e.getKey())).append(": ").append(quoted(e.getValue())).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String key(String key) {
        return PLAIN_KEY.matcher(key).matches() ? key : quoted(key);
    }

    /** {@code text} as a YAML double-quoted scalar. */
    static String quoted(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
                            || c == 0xfeff) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}
