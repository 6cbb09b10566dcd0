package io.spindle.ha;

import io.spindle.ha.storage.Recovered;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;

import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Named state entries of one area of a cluster's HA data (for example the job graphs, or the
 * completed checkpoints of one job): the bytes live in a file in storageDir, a checksummed
 * {@link StatePointer} to the file lives in the HA backend.
 *
 * <p>Guarantees of every implementation:
 * <ul>
 *   <li>No dangling pointer: a file is written before its pointer, a pointer removed before its
 *       file.</li>
 *   <li>Every write is fenced: a {@link LeaderFence} whose session ended makes it fail with
 *       {@link LeadershipLostException}, and nothing of it is visible.</li>
 *   <li>Every read is verified (length, CRC32C); a missing, corrupt or invalid entry is a
 *       {@link StateFileException} naming it.</li>
 *   <li>An {@link IOException} of a write means nothing was applied, except a
 *       {@link WriteOutcomeUnknownException}.</li>
 * </ul>
 *
 * <p>Entry names: 1-200 letters, digits, '.', '_', '-', not starting with '.'; they sort as
 * strings, so callers with numeric names pad them to a fixed width. Implementations are
 * thread-safe.
 */
public interface PointerStore {

    /** @return the area's name, for messages (e.g. {@code /jobgraphs}) */
    String area();

    /**
     * Stores a new entry: the file first, then its pointer.
     *
     * @return the pointer now stored
     * @throws EntryExistsException    if the entry exists already
     * @throws LeadershipLostException if the fence refused the write
     * @throws IOException             if the file or pointer could not be written
     * @throws InterruptedException    if interrupted while waiting (outcome unknown)
     * @throws IllegalArgumentException if the name is invalid
     */
    StatePointer put(String name, byte[] data, LeaderFence fence)
            throws IOException, LeadershipLostException, InterruptedException;

    /**
     * Replaces an existing entry's bytes: a new file, then the pointer switched to it (fenced), then
     * the old file deleted. Readers see the old bytes or the new ones, never a mix or none.
     *
     * @return the pointer now stored
     * @throws NoSuchElementException  if there is no such entry
     * @throws LeadershipLostException if the fence refused the write (the entry is unchanged)
     * @throws IOException             if the file or pointer could not be written
     * @throws InterruptedException    if interrupted while waiting (outcome unknown)
     */
    StatePointer replace(String name, byte[] data, LeaderFence fence)
            throws IOException, LeadershipLostException, InterruptedException;

    /**
     * Removes an entry, pointer first, then its file. Removing an absent entry does nothing; an
     * entry whose pointer is invalid is removed too (its file, unknown, stays as an orphan).
     *
     * @throws LeadershipLostException if the fence refused the delete (the file is kept)
     * @throws IOException             if the backend failed (the file is kept)
     * @throws InterruptedException    if interrupted while waiting (outcome unknown)
     */
    void remove(String name, LeaderFence fence) throws IOException, LeadershipLostException, InterruptedException;

    /**
     * Removes every entry (pointers first). The area itself may stay, empty.
     *
     * @return the number of entries found
     * @throws LeadershipLostException if the fence refused a delete (that entry's file is kept)
     * @throws IOException             on backend failures (the first; others are suppressed)
     * @throws InterruptedException    if interrupted while waiting (outcome unknown)
     */
    int removeAll(LeaderFence fence) throws IOException, LeadershipLostException, InterruptedException;

    /**
     * Reads an entry and verifies its file.
     *
     * @throws NoSuchElementException if there is no such entry
     * @throws StateFileException     if the pointer is invalid or the file missing or corrupt
     * @throws IOException            on other failures
     * @throws InterruptedException   if interrupted
     */
    byte[] get(String name) throws IOException, InterruptedException;

    /**
     * @return the names of all entries, sorted; empty if the area holds none
     * @throws IOException          on backend failures
     * @throws InterruptedException if interrupted
     */
    List<String> names() throws IOException, InterruptedException;

    /**
     * Reads every entry: one listing, then all entries read in parallel, each verified. An entry
     * removed meanwhile is skipped.
     *
     * @return the entries that verified and, separately, those whose state is missing, corrupt or
     *     invalid (logged as warnings)
     * @throws IOException          on failures other than a bad entry (never falls back silently)
     * @throws InterruptedException if interrupted
     */
    Recovered<byte[]> recoverAll() throws IOException, InterruptedException;
}
