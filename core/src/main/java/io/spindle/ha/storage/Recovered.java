package io.spindle.ha.storage;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a recovery read: the entries that verified, and the entries whose state is definitely bad
 * (missing file, corrupt file, invalid pointer), each keyed by entry name and sorted by name.
 *
 * <p>Only definite problems are reported here; a transient failure (connection loss, a file
 * system error) makes the recovery throw instead, so that nobody falls back to older state
 * because of a network blip. Callers that fall back (to an older checkpoint) must log the
 * failures they skip.
 *
 * <p>Immutable (the maps are unmodifiable; byte arrays in them are not copied).
 *
 * @param entries  name to value, for every entry that verified
 * @param failures name to the problem, for every entry that did not; each message names the file or znode
 * @param <V>      the value type
 */
public record Recovered<V>(SortedMap<String, V> entries, SortedMap<String, StateFileException> failures) {

    /** Copies both maps into unmodifiable sorted maps. */
    public Recovered {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
    }

    /** @return true if every entry verified */
    public boolean isComplete() {
        return failures.isEmpty();
    }
}
