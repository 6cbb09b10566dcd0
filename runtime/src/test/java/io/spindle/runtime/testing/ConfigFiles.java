package io.spindle.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a flat {@code config.yaml} for daemons started by tests. */
public final class ConfigFiles {

    private ConfigFiles() {}

    /** Writes {@code values} to {@code dir/config.yaml} and returns {@code dir}. */
    public static Path write(Path dir, Map<String, String> values) throws IOException {
        Files.createDirectories(dir);
        StringBuilder yaml = new StringBuilder();
        values.forEach((key, value) -> yaml.append(key).append(": '").append(value.replace("'", "''")).append("'\n"));
        Files.writeString(dir.resolve("config.yaml"), yaml.toString());
        return dir;
    }
}
