package io.spindle.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs stop actions one after the other and keeps their failures, so one failing stop does not
 * keep the next component running. Not thread-safe; one per teardown.
 */
final class Failures {

    /** A stop action. */
    interface Action {
        void run() throws Exception;
    }

    private final List<Exception> failures = new ArrayList<>();

    /** Runs {@code action}; an exception or error it throws is kept, not thrown. */
    void run(Action action) {
        try {
            action.run();
        } catch (Exception e) {
            failures.add(e);
        } catch (Error e) {
            failures.add(new RuntimeException(e));
        }
    }

    /** Adds the failures of another teardown. */
    void add(Exception failure) {
        if (failure != null) {
            failures.add(failure);
        }
    }

    /** The first failure with the others suppressed into it, or null if none. */
    Exception first() {
        if (failures.isEmpty()) {
            return null;
        }
        Exception first = failures.get(0);
        failures.subList(1, failures.size()).forEach(first::addSuppressed);
        return first;
    }
}
