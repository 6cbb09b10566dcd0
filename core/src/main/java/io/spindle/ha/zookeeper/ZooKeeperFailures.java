package io.spindle.ha.zookeeper;

import io.spindle.ha.EntryExistsException;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.WriteOutcomeUnknownException;
import org.apache.zookeeper.KeeperException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns ZooKeeper's failures into the backend-neutral exceptions of {@code io.spindle.ha}: a lost
 * answer to a write is a {@link WriteOutcomeUnknownException}, a taken name an
 * {@link EntryExistsException}, any other {@link KeeperException} an {@link IOException} whose
 * cause it is; and waits for asynchronous ZooKeeper work, throwing its failure in that form. Stateless.
 */
final class ZooKeeperFailures {

    private ZooKeeperFailures() {
    }

    /** @return the failure inside completion and execution wrappers */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** @return whether ZooKeeper's answer to a request was lost, so its outcome is unknown */
    static boolean outcomeUnknown(KeeperException e) {
        return switch (e.code()) {
            case CONNECTIONLOSS, OPERATIONTIMEOUT, SESSIONEXPIRED, SESSIONMOVED, REQUESTTIMEOUT -> true;
            default -> false;
        };
    }

    /**
     * @param what  the operation, for the message (e.g. "put of /jobgraphs/job-1")
     * @param cause a ZooKeeper or client failure
     * @return the neutral form of {@code cause}
     */
    static IOException io(String what, Throwable cause) {
        Throwable t = unwrap(cause);
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof KeeperException keeper) {
            String message = what + " failed: " + keeper.getMessage();
            if (keeper.code() == KeeperException.Code.NODEEXISTS) {
                return new EntryExistsException(message, keeper);
            }
            if (outcomeUnknown(keeper)) {
                return new WriteOutcomeUnknownException(what + " may or may not have been applied: " + keeper.getMessage(), keeper);
            }
            return new IOException(message, keeper);
        }
        return new IOException(what + " failed: " + t, t);
    }

    /**
     * Throws the failure as one of the declared types; returns nothing, for {@code throw rethrow(t, what)}.
     * ZooKeeper failures become {@link #io neutral} exceptions.
     */
    static RuntimeException rethrow(Throwable failure, String what)
            throws IOException, LeadershipLostException, InterruptedException {
        Throwable cause = unwrap(failure);
        if (cause instanceof LeadershipLostException e) {
            throw e;
        }
        if (cause instanceof InterruptedException e) {
            throw e;
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw io(what, cause);
    }

    /** As {@link #rethrow} for reads, which are never fenced. */
    static RuntimeException rethrowRead(Throwable failure, String what) throws IOException, InterruptedException {
        try {
            throw rethrow(failure, what);
        } catch (LeadershipLostException e) {
            throw new IllegalStateException("A read was fenced", e);
        }
    }

    /** @return the neutral form of an asynchronous failure, for a future that callers see */
    static Throwable neutral(Throwable failure, String what) {
        Throwable cause = unwrap(failure);
        if (cause instanceof LeadershipLostException || cause instanceof RuntimeException || cause instanceof Error
                || cause instanceof IOException) {
            return cause;
        }
        return io(what, cause);
    }

    /** Waits for a fenced write; its failure is thrown as by {@link #rethrow}. */
    static <T> T await(CompletableFuture<T> future, String what)
            throws IOException, LeadershipLostException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrow(e, what);
        }
    }

    /** Waits for a read; its failure is thrown as by {@link #rethrowRead}. */
    static <T> T awaitRead(CompletableFuture<T> future, String what) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrowRead(e, what);
        }
    }

    /** Waits, throwing ZooKeeper's own failure (the caller interprets it). */
    static <T> T awaitRaw(CompletableFuture<T> future) throws Throwable {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }
}
