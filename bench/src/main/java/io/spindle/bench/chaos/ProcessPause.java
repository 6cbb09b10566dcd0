package io.spindle.bench.chaos;

import java.time.Duration;

/**
 * SIGSTOP of a process, then SIGCONT after a while: to its peers it is as if its disk or network
 * stalled (heartbeats, RPCs and ZooKeeper pings stop and come back). The SIGCONT is sent even if
 * the waiting thread is interrupted.
 */
final class ProcessPause {

    private ProcessPause() {}

    /** Pauses {@code pid} for {@code pause}. */
    static void pause(long pid, Duration pause) throws Exception {
        LocalProcesses.signal(pid, "STOP");
        try {
            Thread.sleep(pause.toMillis());
        } finally {
            LocalProcesses.signal(pid, "CONT");
        }
    }
}
