package io.spindle.yarn.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * A folder of jars on the cluster's file system that containers use as their {@code lib/} without a
 * copy in the staging dir: a {@code yarn.provided.lib.dirs} entry, or the shared, content-keyed copy
 * of the distribution's {@code lib/} ({@code {home}/.spindle/lib/<hash>/}). Client and
 * ApplicationMaster list it the same way, so the AM and its TaskExecutors get the same resources.
 *
 * <p>Visibility: a file everyone may read, in a folder whose every ancestor everyone may enter, is
 * a PUBLIC resource (each NodeManager keeps one copy for all users, as YARN's own check requires);
 * any other file is PRIVATE (one copy per user and NodeManager, reused by all of that user's
 * applications). Never APPLICATION: that would localize the jars again for every application.
 * The {@link AmLaunchContract#LIB_MANIFEST} file is skipped.
 *
 * <p>Stateless; thread-safe.
 */
public final class LibDirectory {

    private LibDirectory() {}

    /** One jar of the folder as a local resource, under {@code lib/<name>}. */
    public record Entry(String relativePath, Path path, long size, long modificationTime,
            LocalResourceVisibility visibility) {

        /** The YARN local resource. */
        public LocalResource toLocalResource() {
            return LocalResource.newInstance(URL.fromPath(path), LocalResourceType.FILE, visibility, size,
                    modificationTime);
        }
    }

    /**
     * Lists the folder's files (sorted by name) as {@code lib/<name>} resources.
     *
     * @param dir the folder, fully qualified or not
     * @throws IOException if it cannot be listed (e.g. it does not exist)
     */
    public static List<Entry> list(FileSystem fs, Path dir) throws IOException {
        Path qualified = fs.makeQualified(dir);
        boolean enterable = everyoneMayEnter(fs, qualified);
        FileStatus[] statuses = fs.listStatus(qualified);
        Arrays.sort(statuses, Comparator.comparing(s -> s.getPath().getName()));
        List<Entry> entries = new ArrayList<>();
        for (FileStatus status : statuses) {
            if (status.isFile() && !status.getPath().getName().equals(AmLaunchContract.LIB_MANIFEST)) {
                LocalResourceVisibility visibility = enterable && status.getPermission().getOtherAction()
                        .implies(FsAction.READ) ? LocalResourceVisibility.PUBLIC : LocalResourceVisibility.PRIVATE;
                entries.add(new Entry(AmLaunchContract.LIB_DIR + "/" + status.getPath().getName(), status.getPath(),
                        status.getLen(), status.getModificationTime(), visibility));
            }
        }
        return entries;
    }

    /** Whether {@code dir} and every folder above it may be entered by everyone (o+x). */
    static boolean everyoneMayEnter(FileSystem fs, Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            FsPermission permission = fs.getFileStatus(p).getPermission();
            if (!permission.getOtherAction().implies(FsAction.EXECUTE)) {
                return false;
            }
        }
        return true;
    }
}
