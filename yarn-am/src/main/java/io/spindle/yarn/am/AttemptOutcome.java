package io.spindle.yarn.am;

import io.spindle.runtime.jobmanager.ClusterTermination;
import java.util.Objects;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;

/**
 * How one ApplicationMaster attempt ends. Either the application is {@link Finished} (the AM
 * unregisters with a final status and YARN starts no further attempt), or it is {@link Fatal}: it
 * cannot start for a reason no further attempt would change (a configuration or environment
 * error), so the AM unregisters it as FAILED before its cluster ever ran; or this attempt gives up
 * and asks for a {@link RetryAttempt} (the AM exits without unregistering, so YARN starts the next
 * attempt if any are left). The AM process exits with {@link #exitCode()}. Immutable.
 */
public sealed interface AttemptOutcome {

    /** Exit code of the AM process after a final unregistration. */
    int EXIT_FINISHED = 0;
    /** Exit code of an attempt that gives up without unregistering. */
    int EXIT_RETRY = 1;

    /** @return the exit code of the AM process */
    int exitCode();

    /**
     * The application ends with this final status.
     *
     * @param status the final application status to unregister with
     * @param diagnostics shown by YARN for the application
     */
    record Finished(FinalApplicationStatus status, String diagnostics) implements AttemptOutcome {

        /** @throws NullPointerException if an argument is null */
        public Finished {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(diagnostics, "diagnostics");
        }

        @Override
        public int exitCode() {
            return EXIT_FINISHED;
        }

        /**
         * @return whether the cluster's HA data is removed whatever it holds; after a failure it is
         *     kept for recovery and {@code spindle ha inspect} if it holds a job's data
         *     ({@link FailedClusterCleanup})
         */
        public boolean removesHaData() {
            return status != FinalApplicationStatus.FAILED;
        }
    }

    /**
     * The application cannot start, and another attempt would fail the same way: it ends FAILED
     * at once, with this diagnostic, and YARN starts no further attempt.
     *
     * @param diagnostic one line naming the key, host or value to fix; shown by YARN and the client
     */
    record Fatal(String diagnostic) implements AttemptOutcome {

        /** @throws NullPointerException if the diagnostic is null */
        public Fatal {
            Objects.requireNonNull(diagnostic, "diagnostic");
        }

        @Override
        public int exitCode() {
            return EXIT_FINISHED;
        }

        /** @return the final unregistration this outcome makes: FAILED with the diagnostic */
        public Finished finished() {
            return failed(diagnostic);
        }
    }

    /**
     * This attempt gives up; the application goes on in the next attempt, if any are left.
     *
     * @param reason why, for the log
     */
    record RetryAttempt(String reason) implements AttemptOutcome {

        /** @throws NullPointerException if the reason is null */
        public RetryAttempt {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int exitCode() {
            return EXIT_RETRY;
        }
    }

    /** @return the application's end when its JobManager's cluster ended */
    static Finished of(ClusterTermination termination) {
        FinalApplicationStatus status = switch (termination.status()) {
            case SUCCEEDED -> FinalApplicationStatus.SUCCEEDED;
            case KILLED -> FinalApplicationStatus.KILLED;
            case FAILED -> FinalApplicationStatus.FAILED;
        };
        return new Finished(status, termination.diagnostics());
    }

    /** @return the application fails for good, with this reason */
    static Finished failed(String reason) {
        return new Finished(FinalApplicationStatus.FAILED, reason);
    }
}
