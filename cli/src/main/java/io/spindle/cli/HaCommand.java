package io.spindle.cli;

import picocli.CommandLine.Command;

/** {@code spindle ha}: tools for the HA data of clusters (ZooKeeper pointers and storageDir files). */
@Command(name = "ha",
        description = "Inspect and clean the HA data (ZooKeeper pointers, storageDir files); remove what ended YARN applications left.",
        mixinStandardHelpOptions = true,
        subcommands = {HaInspectCommand.class, HaCleanCommand.class, HaGcCommand.class})
public final class HaCommand {
}
