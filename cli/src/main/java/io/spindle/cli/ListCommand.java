package io.spindle.cli;

import io.spindle.runtime.jobmanager.JobStatus;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code spindle list}: prints the jobs of the cluster's leader, running and ended, as a table of
 * job id, state, name and submission time (UTC, ISO-8601), oldest first.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the jobs of a running cluster.")
public final class ListCommand implements Callable<Integer> {

    @Mixin
    ConfigurationMixin configuration;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobManagerConnection connection = cluster.connect(configuration.load(), configuration.confDir(), spec.commandLine().getErr());
        List<JobStatus> jobs = connection.call(client -> client.jobs());
        PrintWriter out = spec.commandLine().getOut();
        if (jobs.isEmpty()) {
            out.println("No jobs.");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"JOB ID", "STATE", "NAME", "SUBMITTED"});
            jobs.stream()
                    .sorted((a, b) -> a.submittedAt().compareTo(b.submittedAt()))
                    .forEach(j -> rows.add(new String[] {j.jobId(), j.state().name(), j.name(),
                            DateTimeFormatter.ISO_INSTANT.format(j.submittedAt().truncatedTo(ChronoUnit.SECONDS))}));
            printTable(out, rows);
        }
        out.flush();
        return 0;
    }

    private static void printTable(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i] == null ? "" : row[i];
                line.append(i == row.length - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
