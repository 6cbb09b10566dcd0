package io.spindle.bench.command;

import io.spindle.cli.CommandExtension;

/** Adds {@code spindle bench} ({@link BenchCommand}) to the {@code spindle} command line. Stateless. */
public final class BenchExtension implements CommandExtension {

    @Override
    public Object newCommand() {
        return new BenchCommand();
    }
}
