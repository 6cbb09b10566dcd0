package io.spindle.bench.command;

import io.spindle.cli.CommandExtension;

/** Adds {@code spindle demo} ({@link DemoCommand}) to the {@code spindle} command line. Stateless. */
public final class DemoExtension implements CommandExtension {

    @Override
    public Object newCommand() {
        return new DemoCommand();
    }
}
