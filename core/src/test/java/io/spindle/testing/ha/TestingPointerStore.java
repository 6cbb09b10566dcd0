package io.spindle.testing.ha;

import io.spindle.ha.EntryExistsException;
import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.PointerStore;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.Recovered;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * An in-memory {@link PointerStore}: entries live in a sorted map, each write checks the
 * {@link TestingLeaderFence} under the store's lock, so a write by a revoked session fails with
 * {@link LeadershipLostException} and changes nothing. Names are validated as by the real stores.
 *
 * <p>For tests of recovery: {@link #corrupt} makes an entry unreadable (a {@link StateFileException}
 * of kind CORRUPT, as a damaged file would be). Thread-safe; nothing runs on other threads.
 */
public final class TestingPointerStore implements PointerStore {

    private final String area;
    private final Map<String, byte[]> entries = new TreeMap<>();
    private final Set<String> corrupt = new HashSet<>();

    /** @param area the area's name, for messages and pointer paths */
    public TestingPointerStore(String area) {
        this.area = area;
    }

    @Override
    public String area() {
        return area;
    }

    @Override
    public synchronized StatePointer put(String name, byte[] data, LeaderFence fence)
            throws EntryExistsException, LeadershipLostException {
        ChecksummedFileStore.validateName(name);
        TestingLeaderFence.check(fence, "put of " + node(name));
        if (entries.containsKey(name)) {
            throw new EntryExistsException("Entry " + node(name) + " exists already", null);
        }
        entries.put(name, data.clone());
        corrupt.remove(name);
        return pointer(name, data);
    }

    @Override
    public synchronized StatePointer replace(String name, byte[] data, LeaderFence fence)
            throws LeadershipLostException {
        ChecksummedFileStore.validateName(name);
        TestingLeaderFence.check(fence, "replace of " + node(name));
        if (!entries.containsKey(name)) {
            throw new NoSuchElementException("No entry " + node(name) + " to replace");
        }
        entries.put(name, data.clone());
        corrupt.remove(name);
        return pointer(name, data);
    }

    @Override
    public synchronized void remove(String name, LeaderFence fence) throws LeadershipLostException {
        ChecksummedFileStore.validateName(name);
        TestingLeaderFence.check(fence, "remove of " + node(name));
        entries.remove(name);
        corrupt.remove(name);
    }

    @Override
    public synchronized int removeAll(LeaderFence fence) throws LeadershipLostException {
        TestingLeaderFence.check(fence, "removal of all entries of " + area);
        int count = entries.size();
        entries.clear();
        corrupt.clear();
        return count;
    }

    @Override
    public synchronized byte[] get(String name) throws StateFileException {
        ChecksummedFileStore.validateName(name);
        byte[] data = entries.get(name);
        if (data == null) {
            throw new NoSuchElementException("No entry " + node(name));
        }
        if (corrupt.contains(name)) {
            throw corruptEntry(name);
        }
        return data.clone();
    }

    @Override
    public synchronized List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    @Override
    public synchronized Recovered<byte[]> recoverAll() {
        Map<String, byte[]> good = new TreeMap<>();
        Map<String, StateFileException> bad = new TreeMap<>();
        entries.forEach((name, data) -> {
            if (corrupt.contains(name)) {
                bad.put(name, corruptEntry(name));
            } else {
                good.put(name, data.clone());
            }
        });
        return new Recovered<>(new TreeMap<>(good), new TreeMap<>(bad));
    }

    /**
     * Makes an existing entry unreadable, as a damaged file would.
     *
     * @throws NoSuchElementException if there is no such entry
     */
    public synchronized void corrupt(String name) {
        if (!entries.containsKey(name)) {
            throw new NoSuchElementException("No entry " + node(name));
        }
        corrupt.add(name);
    }

    /** Removes an entry without a fence: what removing the cluster's HA data does. */
    synchronized void removeUnfenced(String name) {
        entries.remove(name);
        corrupt.remove(name);
    }

    /** @return whether the area holds no entry */
    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    private String node(String name) {
        return area + "/" + name;
    }

    private StatePointer pointer(String name, byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return new StatePointer("memory:" + node(name), data.length, crc.getValue());
    }

    private StateFileException corruptEntry(String name) {
        return new StateFileException(StateFileException.Kind.CORRUPT, "memory:" + node(name),
                "State file memory:" + node(name) + " is corrupt (made so by the test)");
    }
}
