package io.spindle.yarn.client;

import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;

/**
 * One file in the staging directory (or in a provided lib dir), as needed to make it a YARN local
 * resource. Immutable and thread-safe.
 *
 * @param relativePath where the container finds it, relative to its working directory, e.g. {@code lib/x.jar}
 * @param path the fully qualified file on the cluster's file system
 * @param size its length in bytes, as YARN will check it
 * @param modificationTime its modification time, as YARN will check it
 * @param visibility who may share the NodeManager's copy: APPLICATION for the staging dir's files,
 *     PRIVATE or PUBLIC for shared or provided lib folders ({@link io.spindle.yarn.common.LibDirectory})
 */
public record StagedFile(String relativePath, Path path, long size, long modificationTime,
        LocalResourceVisibility visibility) {

    /** Checks for nulls. */
    public StagedFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(visibility, "visibility");
    }

    /** A file of the staging dir: visibility APPLICATION. */
    public StagedFile(String relativePath, Path path, long size, long modificationTime) {
        this(relativePath, path, size, modificationTime, LocalResourceVisibility.APPLICATION);
    }
}
