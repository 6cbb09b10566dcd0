package io.spindle.bench.command;

import io.spindle.cli.CommandExtension;
import java.util.List;

/** Adds {@code spindle ha bench} ({@link HaBenchCommand}) to the {@code spindle} command line. Stateless. */
public final class HaBenchExtension implements CommandExtension {

    @Override
    public List<String> parentPath() {
        return List.of("ha");
    }

    @Override
    public Object newCommand() {
        return new HaBenchCommand();
    }
}
