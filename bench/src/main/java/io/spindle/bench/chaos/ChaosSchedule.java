package io.spindle.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * When which fault is injected: a pure function of the seed, the duration and the number of
 * faults, so the same seed replays the same schedule. The faults are the first {@code n} of
 * {@link #MIX} (so any {@code n} of at least 4 has an AM kill, a TaskExecutor kill, a ZooKeeper
 * leader restart and a DataNode restart; 12 have 3 AM kills and 5 TaskExecutor faults), shuffled
 * with {@code new Random(seed)}. The fault window leaves the first sixth of the run (at most 30 s)
 * for the jobs to start and the last fifth for recovery; it is cut into {@code n} equal slots and
 * each fault falls at a random moment in the middle three fifths of its slot.
 *
 * <p>Immutable; thread-safe.
 *
 * @param seed the seed
 * @param faults the planned faults, in time order
 */
record ChaosSchedule(long seed, List<Planned> faults) {

    /** A fault and its moment, from the start of the run. */
    record Planned(Duration at, Fault fault) {}

    private static final List<Supplier<Fault>> MIX = List.of(AmKill::new, TaskExecutorFault::kill,
            ZooKeeperRestart::leader, DataNodeRestart::new, TaskExecutorFault::pause, AmKill::new,
            TaskExecutorFault::kill, SlowBurst::new, ZooKeeperRestart::ensemble, AmKill::new, TaskExecutorFault::kill,
            TaskExecutorFault::pause);

    /** The default number of faults for a run: one per 50 s, 4 to 24. */
    static int defaultFaults(Duration duration) {
        return (int) Math.max(4, Math.min(24, duration.toSeconds() / 50));
    }

    /**
     * Plans {@code n} faults over {@code duration}.
     *
     * @throws IllegalArgumentException if {@code n < 1} or the duration is under a minute
     */
    static ChaosSchedule plan(long seed, Duration duration, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one fault: " + n);
        }
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("a chaos run lasts at least 1 minute: " + duration);
        }
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            faults.add(MIX.get(i % MIX.size()).get());
        }
        Collections.shuffle(faults, random);
        long start = Math.min(30_000, duration.toMillis() / 6);
        long end = duration.toMillis() - duration.toMillis() / 5;
        long slot = (end - start) / n;
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long at = start + i * slot + slot / 5 + (long) (random.nextDouble() * slot * 3 / 5);
            planned.add(new Planned(Duration.ofMillis(at), faults.get(i)));
        }
        return new ChaosSchedule(seed, List.copyOf(planned));
    }

    /** {@code +12.3 s am-kill, ...}: the schedule in one line. */
    String describe() {
        StringBuilder sb = new StringBuilder("seed " + seed + ":");
        for (Planned p : faults) {
            sb.append(String.format(" +%.1fs %s", p.at().toMillis() / 1000.0, p.fault().name()));
        }
        return sb.toString();
    }
}
