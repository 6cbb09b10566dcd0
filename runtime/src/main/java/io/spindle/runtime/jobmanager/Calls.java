package io.spindle.runtime.jobmanager;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers for calls that hop between the JobManager's threads. Stateless. */
final class Calls {

    /** How long a caller waits for the main thread. */
    private static final long ANSWER_SECONDS = 30;

    private Calls() {
    }

    /** Runs {@code action}, wrapping a checked exception in a {@link CompletionException}. */
    static <T> T call(Callable<T> action) {
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** Runs on {@code thread} and waits (bounded) for the answer; runtime exceptions are rethrown as they are. */
    static <T> T onThread(Executor thread, Callable<T> action, String who) {
        CompletableFuture<T> answer = CompletableFuture.supplyAsync(() -> call(action), thread);
        try {
            return answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + who, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(who + " did not answer within " + ANSWER_SECONDS + " s", e);
        }
    }

    /** @return the message of the failure inside completion wrappers, or its class name */
    static String rootMessage(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** @return a factory of daemon threads named {@code name-1}, {@code name-2}, ... */
    static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
