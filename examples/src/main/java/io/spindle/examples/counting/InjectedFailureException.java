package io.spindle.examples.counting;

/**
 * Thrown by a counting task on purpose ({@code --fail-at}, {@code --fail-always}) to test
 * restarts. Immutable.
 */
public final class InjectedFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, and why on purpose */
    public InjectedFailureException(String message) {
        super(message);
    }
}
