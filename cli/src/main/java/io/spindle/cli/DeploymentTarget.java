package io.spindle.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Where {@code spindle run}, {@code list} and {@code cancel} find the cluster ({@code -t}).
 *
 * <p>{@link #STANDALONE} finds the leader through ZooKeeper, {@code -m} or {@code rest.address}
 * ({@link StandaloneClusterLocator}); the YARN targets through the application id
 * ({@link YarnApplicationLocator}); {@code run -t yarn-per-job} starts its own application
 * ({@link YarnPerJobRun}). Immutable.
 */
enum DeploymentTarget {
    /** A running cluster found through ZooKeeper, {@code -m} or {@code rest.address}. */
    STANDALONE("standalone"),
    /** A long-running Spindle session on YARN. */
    YARN_SESSION("yarn-session"),
    /** A YARN application started for one job. */
    YARN_PER_JOB("yarn-per-job");

    private final String cliName;

    DeploymentTarget(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name on the command line, e.g. {@code yarn-session} */
    String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }

    /** Parses {@code -t} values by their command-line names. */
    static final class Converter implements CommandLine.ITypeConverter<DeploymentTarget> {
        @Override
        public DeploymentTarget convert(String value) {
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(t -> t.cliName.equals(wanted)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown target '" + value
                            + "'; expected one of " + Arrays.stream(values()).map(DeploymentTarget::cliName)
                            .collect(Collectors.joining(", "))));
        }
    }

    /** The command-line names, for help and completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(DeploymentTarget::cliName).iterator();
        }
    }
}
