package io.spindle.ha.zookeeper;

import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.Recovered;
import io.spindle.ha.storage.StateFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Reads every entry of a pointer folder at once: after one listing, all pointers are read
 * together (ZooKeeper pipelines the requests) and each file is read and verified on the io
 * executor as soon as its pointer arrives. So recovering thousands of entries costs about one
 * round trip and parallel file reads, not one round trip per entry.
 *
 * <p>Stateless apart from its collaborators; thread-safe.
 */
final class PipelinedPointerReader {

    private static final Logger LOG = LoggerFactory.getLogger(PipelinedPointerReader.class);

    private final PointerZnodes znodes;
    private final ChecksummedFileStore files;
    private final Executor ioExecutor;

    PipelinedPointerReader(PointerZnodes znodes, ChecksummedFileStore files, Executor ioExecutor) {
        this.znodes = znodes;
        this.files = files;
        this.ioExecutor = ioExecutor;
    }

    /**
     * @param names the listed entries
     * @param read  told of each pointer whose file verified (to remember its version)
     * @return the verified entries and, separately, the unusable ones (logged)
     * @throws IOException          on ZooKeeper or file system failures other than a bad entry
     * @throws InterruptedException if interrupted
     */
    Recovered<byte[]> readAll(List<String> names, BiConsumer<String, PointerZnodes.Known> read)
            throws IOException, InterruptedException {
        Map<String, CompletableFuture<byte[]>> reads = new HashMap<>(names.size() * 2);
        for (String name : names) {
            reads.put(name, znodes.read(name, false).thenComposeAsync(k -> {
                if (k == null) {
                    return CompletableFuture.completedFuture(null); // removed since the listing
                }
                try {
                    byte[] data = files.read(k.pointer());
                    read.accept(name, k);
                    return CompletableFuture.completedFuture(data);
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }, ioExecutor));
        }
        Map<String, byte[]> entries = new TreeMap<>();
        Map<String, StateFileException> failures = new TreeMap<>();
        Throwable fatal = null;
        for (Map.Entry<String, CompletableFuture<byte[]>> entry : reads.entrySet()) {
            try {
                byte[] data = entry.getValue().get();
                if (data != null) {
                    entries.put(entry.getKey(), data);
                }
            } catch (ExecutionException e) {
                Throwable cause = ZooKeeperFailures.unwrap(e);
                if (cause instanceof StateFileException bad) {
                    failures.put(entry.getKey(), bad);
                } else if (fatal == null) {
                    fatal = cause;
                } else if (fatal != cause && fatal.getSuppressed().length < 10) {
                    fatal.addSuppressed(cause);
                }
            }
        }
        if (fatal != null) {
            throw ZooKeeperFailures.rethrowRead(fatal, "Recovery of " + znodes.folder());
        }
        failures.forEach((name, e) -> LOG.warn("Entry {} of {} is unusable ({}): {}", name, znodes.folder(), e.kind(), e.getMessage()));
        LOG.info("Recovered {} entries of {}{}", entries.size(), znodes.folder(),
                failures.isEmpty() ? "" : ", " + failures.size() + " unusable: " + failures.keySet());
        return new Recovered<>(new TreeMap<>(entries), new TreeMap<>(failures));
    }
}
