package io.spindle.bench.chaos;

import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;

/**
 * The jobs of a chaos run: {@code counting} counting jobs that last about the run, and word counts
 * submitted one after the other (a new one once the previous ended), all with parallelism 2. At
 * the end every job's output is checked exactly once.
 *
 * <p>Not thread-safe: the run's thread calls {@link #tick} between its other steps.
 */
final class ChaosWorkload {

    static final int PARALLELISM = 2;
    static final long STEP_DELAY_MS = 10;
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration WORD_COUNT_INTERVAL = Duration.ofSeconds(30);

    private final SessionLink link;
    private final Path examplesJar;
    private final FileSystem fs;
    private final String base;
    private final long countPerTask;
    private final WordCountData words;
    private final PrintStream out;
    private final List<ChaosJob> jobs = new ArrayList<>();
    /** The last status each job was seen with: a new leader lists only the jobs it recovered. */
    private final java.util.Map<String, JobStatus> lastSeen = new java.util.HashMap<>();
    private ChaosJob currentWordCount;
    private long wordCountSubmitted;

    /** The totals: records lost and duplicated over all checked outputs, and jobs that did not finish. */
    record Totals(long lost, long duplicated, int failed, List<String> lines) {}

    ChaosWorkload(SessionLink link, Path examplesJar, FileSystem fs, String base, long countPerTask,
            WordCountData words, PrintStream out) {
        this.link = link;
        this.examplesJar = examplesJar;
        this.fs = fs;
        this.base = base;
        this.countPerTask = countPerTask;
        this.words = words;
        this.out = out;
    }

    /** Submits the counting jobs and the first word count. */
    void start(int countingJobs) throws InterruptedException {
        for (int i = 1; i <= countingJobs; i++) {
            String output = base + "/counting-" + i;
            jobs.add(submit("chaos-counting-" + i, "counting", "io.spindle.examples.counting.CountingJob",
                    List.of("--output", output, "--count", Long.toString(countPerTask), "--step-delay-ms",
                            Long.toString(STEP_DELAY_MS)), output));
        }
        submitWordCount();
    }

    /** Submits the next word count if the current one ended; a failure to ask is "not yet". */
    void tick() throws InterruptedException {
        if (System.nanoTime() - wordCountSubmitted >= WORD_COUNT_INTERVAL.toNanos() && ended(currentWordCount)) {
            submitWordCount();
        }
    }

    private void submitWordCount() throws InterruptedException {
        int n = (int) jobs.stream().filter(j -> j.kind().equals("wordcount")).count() + 1;
        String output = base + "/wordcount-" + n;
        currentWordCount = submit("chaos-wordcount-" + n, "wordcount", "io.spindle.examples.wordcount.WordCountJob",
                List.of("--input", words.input().toString(), "--output", output), output);
        jobs.add(currentWordCount);
        wordCountSubmitted = System.nanoTime();
    }

    /** Submits once: after a failed call it looks for the job by name before it tries again. */
    private ChaosJob submit(String name, String kind, String entryClass, List<String> args, String output)
            throws InterruptedException {
        long deadline = System.nanoTime() + SUBMIT_TIMEOUT.toNanos();
        while (true) {
            try {
                String id = link.call(c -> c.jobs().stream().filter(j -> j.name().equals(name)).map(JobStatus::jobId)
                        .findFirst().orElseGet(() -> c.submit(examplesJar, entryClass, args, PARALLELISM, name)),
                        Duration.ofSeconds(30));
                out.printf("  submitted %s (%s)%n", name, id);
                return new ChaosJob(name, kind, id, output);
            } catch (IllegalStateException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
        }
    }

    /** The jobs submitted so far. */
    List<ChaosJob> jobs() {
        return List.copyOf(jobs);
    }

    /** The counting jobs' ids. */
    List<String> countingJobIds() {
        return jobs.stream().filter(j -> j.kind().equals("counting")).map(ChaosJob::jobId).toList();
    }

    /** The job's status from the leader, else the last one seen (a new leader does not list jobs that ended before it). */
    private Optional<JobStatus> status(ChaosJob job, Duration timeout) throws InterruptedException {
        try {
            Optional<JobStatus> listed = link.call(c -> c.jobs().stream().filter(j -> j.jobId().equals(job.jobId()))
                    .findFirst(), timeout);
            listed.ifPresent(s -> lastSeen.put(job.jobId(), s));
        } catch (IllegalStateException e) {
            // no leader answered: the last status seen stands
        }
        return Optional.ofNullable(lastSeen.get(job.jobId()));
    }

    /** Whether the job ended, or is not listed by the current leader (it ended before the leader took over). */
    private boolean ended(ChaosJob job) throws InterruptedException {
        Optional<JobStatus> status = status(job, Duration.ofSeconds(10));
        return status.map(s -> s.state().isTerminal()).orElse(false) || !listed(job);
    }

    private boolean listed(ChaosJob job) throws InterruptedException {
        try {
            return link.call(c -> c.jobs().stream().anyMatch(j -> j.jobId().equals(job.jobId())), Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            return true; // not known: keep waiting
        }
    }

    /** Waits (at most {@code timeout}) until every job has ended; word counts are no longer submitted. */
    void awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChaosJob job : jobs) {
            while (!ended(job) && System.nanoTime() - deadline < 0) {
                Thread.sleep(1000);
            }
        }
    }

    /** Checks every job: finished, and its output exactly once. */
    Totals verify() throws Exception {
        long lost = 0;
        long duplicated = 0;
        int failed = 0;
        List<String> lines = new ArrayList<>();
        for (ChaosJob job : jobs) {
            Optional<JobStatus> status = status(job, Duration.ofSeconds(30));
            JobState state = status.map(JobStatus::state).orElse(null);
            boolean endedUnseen = (state == null || !state.isTerminal()) && !listed(job);
            if (state != JobState.FINISHED && !endedUnseen) {
                failed++;
                lines.add(String.format("%-20s %s  NOT FINISHED: %s%s", job.name(), job.jobId(), state,
                        status.map(JobStatus::failure).map(f -> " (" + f + ")").orElse("")));
                continue;
            }
            org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(job.output());
            String describe;
            if (job.kind().equals("counting")) {
                CountingVerdict verdict = CountingVerdict.verify(examplesJar, fs, output, PARALLELISM, countPerTask);
                lost += verdict.lost();
                duplicated += verdict.duplicated();
                describe = verdict.describe();
            } else {
                WordCountData.Verdict verdict = words.verify(fs, output);
                lost += verdict.lost();
                duplicated += verdict.duplicated();
                describe = verdict.describe();
            }
            lines.add(String.format("%-20s %s  %s%s", job.name(), job.jobId(), describe,
                    endedUnseen ? " (ended before the current leader took over)" : ""));
        }
        return new Totals(lost, duplicated, failed, lines);
    }
}
