package io.spindle.bench.command;

import io.spindle.cli.CommandExtension;
import java.util.List;

/** Adds {@code spindle demo} ({@link DemoCommand}) to the {@code spindle} command line. Stateless. */
public final class DemoExtension implements CommandExtension {

    @Override
    public List<String> parentPath() {
        return List.of();
    }

    @Override
    public Object newCommand() {
        return new DemoCommand();
    }
}
