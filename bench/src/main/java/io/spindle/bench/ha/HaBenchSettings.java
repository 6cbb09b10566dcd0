package io.spindle.bench.ha;

import io.spindle.ha.zookeeper.ZooKeeperCheckpointIdCounter;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code spindle ha bench} measures and against what. Build with {@link #builder()}; the
 * defaults make the whole bench take about 1.5 minutes on 2 cores.
 *
 * @param runs               repetitions of every figure
 * @param sessionTimeout     ZooKeeper session timeout of every participant; a killed leader without
 *                           preemption is replaced only after it
 * @param preemptionInterval how often a waiting contender asks whether the participants ahead of it are finished
 * @param quorum             a ZooKeeper quorum to use ({@code host:port,...}); empty: start an embedded server
 * @param storageDir         a storageDir (any Hadoop file system URI) to use; empty: a temporary local folder
 * @param zooKeeperRoot      the root znode under which the bench creates its own unique cluster-id
 * @param puts               pointer puts per run of the two put figures
 * @param pointers           pointers per run of the recover and remove figures
 * @param counterOps         {@code getAndIncrement} calls per run of the counter figure
 * @param writerThreads      writer threads of the concurrent put figure
 * @param putWindow          puts one thread keeps in flight with {@code putAsync} in the async put figure
 * @param payloadBytes       size of each state file written through the pointer store
 * @param fileSync           force every state file to disk (fsync/hsync) before its pointer is written
 * @param counterBlockSize   ids the checkpoint id counter reserves with one fenced write
 * @param tickTimeMs         tick of the embedded ZooKeeper server; lowered to half the session timeout if larger
 */
public record HaBenchSettings(int runs, Duration sessionTimeout, Duration preemptionInterval, Optional<String> quorum,
                              Optional<URI> storageDir, String zooKeeperRoot, int puts, int pointers, int counterOps,
                              int writerThreads, int putWindow, int payloadBytes, boolean fileSync, int counterBlockSize,
                              int tickTimeMs) {

    /** @throws IllegalArgumentException if a value is out of range; the message names the value */
    public HaBenchSettings {
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(preemptionInterval, "preemptionInterval");
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(storageDir, "storageDir");
        Objects.requireNonNull(zooKeeperRoot, "zooKeeperRoot");
        positive("runs", runs);
        positive("puts", puts);
        positive("pointers", pointers);
        positive("counter operations", counterOps);
        positive("writer threads", writerThreads);
        positive("puts in flight", putWindow);
        positive("payload bytes", payloadBytes);
        positive("counter block size", counterBlockSize);
        positive("tick time", tickTimeMs);
        if (sessionTimeout.toMillis() < 1_000 || sessionTimeout.toMillis() > 600_000) {
            throw new IllegalArgumentException("The session timeout must be between 1 s and 10 min, not "
                    + sessionTimeout.toMillis() + " ms");
        }
        if (preemptionInterval.toMillis() < 1) {
            throw new IllegalArgumentException("The preemption interval must be at least 1 ms");
        }
        if (quorum.isPresent() && quorum.get().isBlank()) {
            throw new IllegalArgumentException("The quorum must not be empty");
        }
        if (!zooKeeperRoot.matches("(/[^/]+)+")) {
            throw new IllegalArgumentException("The ZooKeeper root must be an absolute znode path other than '/', not '"
                    + zooKeeperRoot + "'");
        }
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults: embedded ZooKeeper, temporary local storageDir, 3 runs, 10,000 puts, 1,000 pointers */
    public static HaBenchSettings defaults() {
        return builder().build();
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("The number of " + what + " must be at least 1, not " + value);
        }
    }

    /** Builds {@link HaBenchSettings}; starts with the defaults. Not thread-safe. */
    public static final class Builder {
        private int runs = 3;
        private Duration sessionTimeout = Duration.ofSeconds(6);
        private Duration preemptionInterval = Duration.ofMillis(200);
        private Optional<String> quorum = Optional.empty();
        private Optional<URI> storageDir = Optional.empty();
        private String zooKeeperRoot = "/spindle";
        private int puts = 10_000;
        private int pointers = 1_000;
        private int counterOps = 5_000;
        private int writerThreads = 4;
        private int putWindow = 64;
        private int payloadBytes = 1_024;
        private boolean fileSync = true;
        private int counterBlockSize = ZooKeeperCheckpointIdCounter.DEFAULT_BLOCK_SIZE;
        private int tickTimeMs = 2_000;

        private Builder() {
        }

        /** @param value repetitions of every figure (default 3) */
        public Builder runs(int value) {
            runs = value;
            return this;
        }

        /** @param value ZooKeeper session timeout (default 6 s) */
        public Builder sessionTimeout(Duration value) {
            sessionTimeout = value;
            return this;
        }

        /** @param value preemption interval of waiting contenders (default 200 ms) */
        public Builder preemptionInterval(Duration value) {
            preemptionInterval = value;
            return this;
        }

        /** @param value a quorum to use, or null for an embedded server (the default) */
        public Builder quorum(String value) {
            quorum = Optional.ofNullable(value);
            return this;
        }

        /** @param value a storageDir to use, or null for a temporary local folder (the default) */
        public Builder storageDir(URI value) {
            storageDir = Optional.ofNullable(value);
            return this;
        }

        /** @param value root znode (default {@code /spindle}) */
        public Builder zooKeeperRoot(String value) {
            zooKeeperRoot = value;
            return this;
        }

        /** @param value puts per run of the put figures (default 10,000) */
        public Builder puts(int value) {
            puts = value;
            return this;
        }

        /** @param value pointers per run of the recover and remove figures (default 1,000) */
        public Builder pointers(int value) {
            pointers = value;
            return this;
        }

        /** @param value counter calls per run (default 5,000) */
        public Builder counterOps(int value) {
            counterOps = value;
            return this;
        }

        /** @param value writer threads of the concurrent put figure (default 4) */
        public Builder writerThreads(int value) {
            writerThreads = value;
            return this;
        }

        /** @param value puts in flight in the async put figure (default 64) */
        public Builder putWindow(int value) {
            putWindow = value;
            return this;
        }

        /** @param value bytes per state file (default 1,024) */
        public Builder payloadBytes(int value) {
            payloadBytes = value;
            return this;
        }

        /** @param value fsync every state file before its pointer is written (default true) */
        public Builder fileSync(boolean value) {
            fileSync = value;
            return this;
        }

        /** @param value ids per fenced counter reservation (default {@link ZooKeeperCheckpointIdCounter#DEFAULT_BLOCK_SIZE}) */
        public Builder counterBlockSize(int value) {
            counterBlockSize = value;
            return this;
        }

        /** @param value tick of the embedded ZooKeeper in milliseconds (default 2,000, ZooKeeper's usual) */
        public Builder tickTimeMs(int value) {
            tickTimeMs = value;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException if a value is out of range
         */
        public HaBenchSettings build() {
            return new HaBenchSettings(runs, sessionTimeout, preemptionInterval, quorum, storageDir, zooKeeperRoot, puts,
                    pointers, counterOps, writerThreads, putWindow, payloadBytes, fileSync, counterBlockSize, tickTimeMs);
        }
    }
}
