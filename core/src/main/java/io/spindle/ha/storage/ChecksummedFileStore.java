package io.spindle.ha.storage;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Immutable, checksummed state files in one folder of a Hadoop {@link FileSystem} (storageDir).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #write} stores the bytes under a new, unique name and returns a {@link StatePointer}
 *       (path, length, CRC32C). The bytes go to a hidden temporary name in the same folder
 *       ({@code .<name>.tmp}) that is renamed to the final name only once complete, so a final name
 *       never holds a partial file. A failed write deletes its temporary file (best effort; a crash
 *       can leave one behind, recognisable by the leading dot and {@code .tmp}).</li>
 *   <li>Folders this store creates get permission 0700 and files 0600 (narrowed further, never
 *       widened, by the file system's umask): storageDir is private to the user.</li>
 *   <li>{@link #read} returns the bytes only if length and CRC32C match the pointer; otherwise it
 *       throws a {@link StateFileException} naming the file with expected and actual values.</li>
 *   <li>Files are never overwritten; with {@code sync} they are forced to durable storage
 *       (hsync/fsync) before the rename, otherwise durability is what {@code close} gives
 *       (on HDFS: acknowledged by all datanodes of the pipeline, not necessarily on their disks).</li>
 * </ul>
 *
 * <p>On the local file system Hadoop's {@code .crc} sidecar files are not written (the raw file
 * system is used, through {@code java.nio}); the CRC32C in the pointer covers the whole file on
 * every file system.
 *
 * <p>Thread-safe.
 */
public final class ChecksummedFileStore {

    private static final Logger LOG = LoggerFactory.getLogger(ChecksummedFileStore.class);

    /** Names: letters, digits, '.', '_', '-'; not starting with '.' (temporary files do). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9._\\-]{0,199}");
    /** Largest file {@link #read} accepts (it returns one array). */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 16;

    private final FileSystem fs;
    private final PrivateFiles files;
    private final Path directory;
    private final URI fsUri;
    private final boolean sync;
    private volatile boolean directoryReady;

    /**
     * A store that does not force files to disk before the rename (see the class comment).
     *
     * @param fs        the file system of storageDir
     * @param directory the folder for this store's files; created (0700) on first write
     */
    public ChecksummedFileStore(FileSystem fs, Path directory) {
        this(fs, directory, false);
    }

    /**
     * @param fs        the file system of storageDir
     * @param directory the folder for this store's files; created (0700) on first write
     * @param sync      force every file to durable storage (hsync / fsync) before it is renamed
     */
    public ChecksummedFileStore(FileSystem fs, Path directory, boolean sync) {
        this.fs = Objects.requireNonNull(fs, "fs");
        this.files = PrivateFiles.of(fs);
        this.directory = fs.makeQualified(Objects.requireNonNull(directory, "directory"));
        this.fsUri = this.directory.toUri();
        this.sync = sync;
    }

    /** @return the fully qualified folder of this store's files */
    public Path directory() {
        return directory;
    }

    /**
     * Writes the bytes to a new file {@code <prefix>-<uuid>} in this store's folder.
     *
     * @param prefix the start of the file name: letters, digits, '.', '_', '-', not starting with '.'
     * @param data   the content
     * @return the pointer to the complete file
     * @throws IOException              if the file could not be written; no temporary file is left behind (best effort)
     * @throws IllegalArgumentException if the prefix is not a valid name
     */
    public StatePointer write(String prefix, byte[] data) throws IOException {
        validateName(prefix);
        Objects.requireNonNull(data, "data");
        String finalName = prefix + "-" + UUID.randomUUID();
        Path target = new Path(directory, finalName);
        Path temp = new Path(directory, "." + finalName + ".tmp");
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length);
        ensureDirectory();
        try {
            try {
                files.writeNew(temp, data, sync);
            } catch (FileNotFoundException e) {
                // The folder was removed behind our back: recreate it (0700) once.
                directoryReady = false;
                ensureDirectory();
                files.writeNew(temp, data, sync);
            }
            files.rename(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
        return new StatePointer(target.toString(), data.length, crc.getValue());
    }

    /**
     * Reads and verifies the file a pointer names. Pointers to other folders or file systems are
     * read too (for example after storageDir moved).
     *
     * @param pointer the pointer
     * @return the file's bytes; their length and CRC32C match the pointer
     * @throws StateFileException of kind {@link StateFileException.Kind#MISSING} if the file does not
     *                            exist, {@link StateFileException.Kind#CORRUPT} if length or checksum differ
     * @throws IOException        if the file system fails
     */
    public byte[] read(StatePointer pointer) throws IOException {
        Path path = new Path(pointer.path());
        if (pointer.length() > MAX_LENGTH) {
            throw new StateFileException(StateFileException.Kind.CORRUPT, pointer.path(), "State file " + path
                    + " cannot be read: its pointer claims " + pointer.length() + " bytes, more than one array holds");
        }
        PrivateFiles reader = filesFor(path);
        byte[] data;
        try {
            data = reader.read(path, (int) pointer.length() + 1);
        } catch (FileNotFoundException e) {
            throw new StateFileException(StateFileException.Kind.MISSING, pointer.path(), "State file " + path
                    + " is missing (expected length " + pointer.length() + ", crc32c " + pointer.checksumHex() + ")", e);
        }
        if (data.length != pointer.length()) {
            String actual = data.length <= pointer.length() ? Long.toString(data.length) : actualLength(reader, path);
            throw new StateFileException(StateFileException.Kind.CORRUPT, pointer.path(), "State file " + path
                    + " is corrupt: expected length " + pointer.length() + ", actual length " + actual
                    + " (expected crc32c " + pointer.checksumHex() + ")");
        }
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length);
        if (crc.getValue() != pointer.checksum()) {
            throw new StateFileException(StateFileException.Kind.CORRUPT, pointer.path(), "State file " + path
                    + " is corrupt: expected crc32c " + pointer.checksumHex() + ", actual crc32c "
                    + StatePointer.hex(crc.getValue()) + " (length " + data.length + " as expected)");
        }
        return data;
    }

    /**
     * Deletes the file a pointer names. Files outside this store's folder are not deleted (a
     * warning is logged): a store deletes only what it owns.
     *
     * @param pointer the pointer
     * @return true if the file existed and was deleted
     * @throws IOException if the file system fails
     */
    public boolean delete(StatePointer pointer) throws IOException {
        Path path = new Path(pointer.path());
        if (!directory.equals(path.getParent())) {
            LOG.warn("Not deleting state file {}: it is outside this store's folder {}", path, directory);
            return false;
        }
        return files.delete(path);
    }

    /**
     * @param name a candidate file name prefix or entry name
     * @throws IllegalArgumentException unless it is 1-200 letters, digits, '.', '_', '-', not starting with '.'
     */
    public static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid name '" + name
                    + "': use 1-200 letters, digits, '.', '_' or '-', not starting with '.'");
        }
    }

    private void ensureDirectory() throws IOException {
        if (!directoryReady) {
            synchronized (this) {
                if (!directoryReady) {
                    boolean existed = files.exists(directory);
                    files.mkdirs(directory);
                    if (!existed) {
                        LOG.info("Created state folder {} (permission 0700)", directory);
                    }
                    directoryReady = true;
                }
            }
        }
    }

    private PrivateFiles filesFor(Path path) throws IOException {
        URI uri = path.toUri();
        if (Objects.equals(uri.getScheme(), fsUri.getScheme()) && Objects.equals(uri.getAuthority(), fsUri.getAuthority())) {
            return files;
        }
        return PrivateFiles.of(path.getFileSystem(fs.getConf()));
    }

    private static String actualLength(PrivateFiles reader, Path path) {
        try {
            return Long.toString(reader.length(path));
        } catch (IOException e) {
            return "more than expected";
        }
    }

    private void deleteQuietly(Path temp, Throwable failure) {
        try {
            files.delete(temp);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            LOG.warn("Could not delete temporary file {} after a failed write; it is garbage", temp, e);
        }
    }
}
