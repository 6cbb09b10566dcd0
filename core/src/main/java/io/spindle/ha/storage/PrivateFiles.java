package io.spindle.ha.storage;

import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whole-file operations on a Hadoop {@link FileSystem} with private permissions: folders are
 * created 0700 and files 0600 (further narrowed by the umask, never widened).
 *
 * <p>Two implementations: the local file system goes through {@code java.nio} directly, because
 * Hadoop's {@code RawLocalFileSystem} forks a {@code chmod} process for every file created with a
 * permission when the native library is absent, and {@code LocalFileSystem} adds a {@code .crc}
 * sidecar per file (we keep our own CRC32C instead). Every other file system (HDFS, ...) goes
 * through the Hadoop API. Missing files and folders surface as {@link FileNotFoundException}.
 *
 * <p>Stateless apart from the file system; thread-safe.
 */
abstract class PrivateFiles {

    static final FsPermission DIR_PERMISSION = new FsPermission((short) 0700);
    static final FsPermission FILE_PERMISSION = new FsPermission((short) 0600);

    /**
     * @param fs a file system; a {@link ChecksumFileSystem} is unwrapped to its raw file system
     * @return operations on it
     */
    static PrivateFiles of(FileSystem fs) {
        FileSystem raw = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
        if (raw instanceof RawLocalFileSystem local) {
            return new Local(local);
        }
        return new Hadoop(raw);
    }

    /** @return the file system behind these operations (raw for the local file system) */
    abstract FileSystem fileSystem();

    /** Creates the folder and missing parents, 0700. Existing folders are left as they are. */
    abstract void mkdirs(Path dir) throws IOException;

    /**
     * Writes a new file, 0600, in an existing folder.
     *
     * @param sync force the bytes to durable storage before returning (fsync / hsync)
     * @throws FileNotFoundException if the folder does not exist
     */
    abstract void writeNew(Path file, byte[] data, boolean sync) throws IOException;

    /** Renames within one folder; fails if the source is missing. */
    abstract void rename(Path from, Path to) throws IOException;

    /**
     * @param limit read at most this many bytes
     * @return the first {@code min(limit, length)} bytes of the file
     * @throws FileNotFoundException if the file does not exist
     */
    abstract byte[] read(Path file, int limit) throws IOException;

    /** @return the file's length */
    abstract long length(Path file) throws IOException;

    /** @return true if the file existed and was deleted */
    abstract boolean delete(Path file) throws IOException;

    abstract boolean exists(Path file) throws IOException;

    /** @return the names of the entries of the folder; empty if the folder does not exist */
    abstract List<String> list(Path dir) throws IOException;

    /** @return the entries of the folder by name, with their modification times (ms since the epoch); empty if the folder does not exist */
    abstract Map<String, Long> modificationTimes(Path dir) throws IOException;

    /** Through the Hadoop API (HDFS and the rest). */
    private static final class Hadoop extends PrivateFiles {
        private final FileSystem fs;

        Hadoop(FileSystem fs) {
            this.fs = fs;
        }

        @Override
        FileSystem fileSystem() {
            return fs;
        }

        @Override
        void mkdirs(Path dir) throws IOException {
            if (!fs.mkdirs(dir, DIR_PERMISSION)) {
                throw new IOException("Could not create folder " + dir);
            }
        }

        @Override
        void writeNew(Path file, byte[] data, boolean sync) throws IOException {
            // Non-recursive: a missing folder must be recreated by the caller with 0700, not by
            // the file system with its default permission.
            try (FSDataOutputStream out = fs.createNonRecursive(file, FILE_PERMISSION, EnumSet.of(CreateFlag.CREATE),
                    fs.getConf() == null ? 4096 : fs.getConf().getInt("io.file.buffer.size", 4096), fs.getDefaultReplication(file),
                    fs.getDefaultBlockSize(file), null)) {
                out.write(data);
                if (sync) {
                    out.hsync();
                }
            }
        }

        @Override
        void rename(Path from, Path to) throws IOException {
            if (!fs.rename(from, to)) {
                if (!fs.exists(from)) {
                    throw new FileNotFoundException("Cannot rename " + from + " to " + to + ": " + from + " does not exist");
                }
                throw new IOException("Could not rename " + from + " to " + to);
            }
        }

        @Override
        byte[] read(Path file, int limit) throws IOException {
            try (FSDataInputStream in = fs.open(file)) {
                return in.readNBytes(limit);
            }
        }

        @Override
        long length(Path file) throws IOException {
            return fs.getFileStatus(file).getLen();
        }

        @Override
        boolean delete(Path file) throws IOException {
            return fs.delete(file, false);
        }

        @Override
        boolean exists(Path file) throws IOException {
            return fs.exists(file);
        }

        @Override
        List<String> list(Path dir) throws IOException {
            FileStatus[] statuses;
            try {
                statuses = fs.listStatus(dir);
            } catch (FileNotFoundException e) {
                return List.of();
            }
            List<String> names = new ArrayList<>(statuses.length);
            for (FileStatus status : statuses) {
                names.add(status.getPath().getName());
            }
            return names;
        }

        @Override
        Map<String, Long> modificationTimes(Path dir) throws IOException {
            Map<String, Long> times = new HashMap<>();
            try {
                for (FileStatus status : fs.listStatus(dir)) {
                    times.put(status.getPath().getName(), status.getModificationTime());
                }
            } catch (FileNotFoundException e) {
                return Map.of();
            }
            return times;
        }
    }

    /** Through {@code java.nio}, for the local file system. */
    private static final class Local extends PrivateFiles {
        private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        private static final FileAttribute<Set<PosixFilePermission>> DIR_ATTRIBUTE =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        private static final FileAttribute<Set<PosixFilePermission>> FILE_ATTRIBUTE =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        private static final Set<StandardOpenOption> CREATE_NEW =
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

        private final RawLocalFileSystem fs;

        Local(RawLocalFileSystem fs) {
            this.fs = fs;
        }

        private java.nio.file.Path local(Path path) {
            return fs.pathToFile(path).toPath();
        }

        @Override
        FileSystem fileSystem() {
            return fs;
        }

        @Override
        void mkdirs(Path dir) throws IOException {
            if (POSIX) {
                Files.createDirectories(local(dir), DIR_ATTRIBUTE);
            } else {
                Files.createDirectories(local(dir));
            }
        }

        @Override
        void writeNew(Path file, byte[] data, boolean sync) throws IOException {
            try (FileChannel channel = POSIX
                    ? FileChannel.open(local(file), CREATE_NEW, FILE_ATTRIBUTE)
                    : FileChannel.open(local(file), CREATE_NEW)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (sync) {
                    channel.force(true);
                }
            } catch (NoSuchFileException e) {
                throw notFound(e);
            }
        }

        @Override
        void rename(Path from, Path to) throws IOException {
            try {
                Files.move(local(from), local(to), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(local(from), local(to));
            } catch (NoSuchFileException e) {
                throw notFound(e);
            }
        }

        @Override
        byte[] read(Path file, int limit) throws IOException {
            try (InputStream in = Files.newInputStream(local(file))) {
                return in.readNBytes(limit);
            } catch (NoSuchFileException e) {
                throw notFound(e);
            }
        }

        @Override
        long length(Path file) throws IOException {
            try {
                return Files.size(local(file));
            } catch (NoSuchFileException e) {
                throw notFound(e);
            }
        }

        @Override
        boolean delete(Path file) throws IOException {
            return Files.deleteIfExists(local(file));
        }

        @Override
        boolean exists(Path file) {
            return Files.exists(local(file));
        }

        @Override
        List<String> list(Path dir) throws IOException {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(local(dir))) {
                for (java.nio.file.Path entry : entries) {
                    names.add(entry.getFileName().toString());
                }
            } catch (NoSuchFileException e) {
                return List.of();
            }
            return names;
        }

        @Override
        Map<String, Long> modificationTimes(Path dir) throws IOException {
            Map<String, Long> times = new HashMap<>();
            try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(local(dir))) {
                for (java.nio.file.Path entry : entries) {
                    try {
                        times.put(entry.getFileName().toString(), Files.getLastModifiedTime(entry).toMillis());
                    } catch (NoSuchFileException e) {
                        // renamed or deleted meanwhile
                    }
                }
            } catch (NoSuchFileException e) {
                return Map.of();
            }
            return times;
        }

        private static FileNotFoundException notFound(NoSuchFileException e) {
            FileNotFoundException fnf = new FileNotFoundException(e.getMessage());
            fnf.initCause(e);
            return fnf;
        }
    }
}
