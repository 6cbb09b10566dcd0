package io.spindle.yarn.client;

import io.spindle.runtime.jobmanager.StartupTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Collects the start steps of one deployment while the client waits, and prints each new one once
 * ({@link StartupReport#line}), in the order they are learnt: the client's own steps as they
 * happen, the JobManager's each time its {@code /v1/cluster/startup} is read.
 *
 * <p>Not thread-safe: the deploying thread uses it.
 */
final class StartupProgress {

    /** Client step: staging (the shared lib checked or uploaded, configuration and user jar written) done. */
    static final String STAGED = "staged";
    /** Client step: the application was submitted. */
    static final String SUBMITTED = "submitted";
    /** Client step: YARN accepted the application (first seen ACCEPTED). */
    static final String ACCEPTED = "accepted";
    /** The AM container was allocated (the ResourceManager's creation time of the container). */
    static final String AM_CONTAINER_ALLOCATED = "AM container allocated";

    private final Instant submittedAt;
    private final Consumer<String> console;
    private final List<StartupTimeline.Step> steps = new ArrayList<>();
    private final Set<String> known = new LinkedHashSet<>();

    StartupProgress(Instant submittedAt, Consumer<String> console) {
        this.submittedAt = submittedAt;
        this.console = console;
    }

    /** Continues a report: its steps count as printed. */
    StartupProgress(StartupReport report, Consumer<String> console) {
        this(report.submittedAt(), console);
        report.steps().forEach(step -> {
            steps.add(step);
            known.add(step.name());
        });
    }

    /** Records and prints a step that happened now, unless known. */
    void record(String name) {
        add(List.of(new StartupTimeline.Step(name, Instant.now())));
    }

    /** Records and prints the steps not known yet, in time order. */
    void add(List<StartupTimeline.Step> reported) {
        reported.stream().filter(step -> !known.contains(step.name()))
                .sorted(Comparator.comparing(StartupTimeline.Step::at))
                .forEach(step -> {
                    known.add(step.name());
                    steps.add(step);
                    console.accept(StartupReport.line(submittedAt, step));
                });
    }

    /** Whether {@code name} was recorded. */
    boolean has(String name) {
        return known.contains(name);
    }

    /** The report so far. */
    StartupReport report(int libFilesUploaded, long libBytesUploaded) {
        List<StartupTimeline.Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(StartupTimeline.Step::at));
        return new StartupReport(submittedAt, sorted, libFilesUploaded, libBytesUploaded);
    }
}
