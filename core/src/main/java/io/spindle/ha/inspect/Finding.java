package io.spindle.ha.inspect;

/**
 * One problem {@link HaInspector} found.
 *
 * @param kind  what is wrong
 * @param where the znode or file concerned
 * @param what  a sentence an operator can act on
 */
public record Finding(Kind kind, String where, String what) {

    /** What can be wrong with a cluster's HA data. */
    public enum Kind {
        /** A pointer whose file does not exist: recovery of that entry would fail. */
        DANGLING_POINTER,
        /** A pointer whose file differs in length or checksum. */
        CHECKSUM_MISMATCH,
        /** A znode that should hold a pointer but does not decode as one. */
        INVALID_POINTER,
        /** A file in storageDir that no pointer references: garbage from an interrupted write or delete. */
        ORPHANED_FILE
    }

    @Override
    public String toString() {
        return kind + " " + where + ": " + what;
    }
}
