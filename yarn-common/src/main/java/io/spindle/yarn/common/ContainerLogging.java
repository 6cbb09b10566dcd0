package io.spindle.yarn.common;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.MemorySize;
import io.spindle.configuration.YarnOptions;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.yarn.api.ApplicationConstants;

/**
 * Where Spindle's containers log, the same for the ApplicationMaster (set up by the client) and the
 * TaskExecutors (set up by the AM): Log4j2 with the staged configuration writes
 * {@code <LOG_DIR>/spindle.log}, rolled over at {@code maxFileSize} into {@code spindle.log.1} ...
 * {@code spindle.log.<maxBackups>} (the shipped {@code log4j2.xml} reads both as system
 * properties); standard output and error go to {@code <LOG_DIR>/stdout} and {@code <LOG_DIR>/stderr}.
 * YARN's log directory is what the NodeManager's web pages show and what log aggregation uploads.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxFileSize {@code yarn.container.log.max-file-size}
 * @param maxBackups  {@code yarn.container.log.max-backups}
 */
public record ContainerLogging(MemorySize maxFileSize, int maxBackups) {

    /** The Log4j2 file in every container's log directory. */
    public static final String LOG_FILE = "spindle.log";
    /** Standard output's file in the log directory. */
    public static final String STDOUT = "stdout";
    /** Standard error's file in the log directory. */
    public static final String STDERR = "stderr";

    /** The system property the shipped log4j2.xml names its file with. */
    public static final String LOG_FILE_PROPERTY = "spindle.log.file";
    /** The system property of the size at which it rolls over, in bytes. */
    public static final String MAX_FILE_SIZE_PROPERTY = "spindle.log.max-file-size";
    /** The system property of how many rolled-over files it keeps. */
    public static final String MAX_BACKUPS_PROPERTY = "spindle.log.max-backups";

    /** Checks the values. */
    public ContainerLogging {
        Objects.requireNonNull(maxFileSize, "maxFileSize");
        if (maxBackups < 0) {
            throw new IllegalArgumentException("maxBackups must not be negative, got " + maxBackups);
        }
    }

    /** The defaults: 100 MB files, 10 backups. */
    public static ContainerLogging defaults() {
        return from(Configuration.empty());
    }

    /** @return the settings of {@code conf} */
    public static ContainerLogging from(Configuration conf) {
        return new ContainerLogging(conf.get(YarnOptions.CONTAINER_LOG_MAX_FILE_SIZE),
                conf.get(YarnOptions.CONTAINER_LOG_MAX_BACKUPS));
    }

    /** The JVM options that make the container log to {@code <LOG_DIR>/spindle.log} with the staged configuration. */
    public List<String> jvmOptions() {
        String logDir = ApplicationConstants.LOG_DIR_EXPANSION_VAR;
        return List.of(
                "-Dlog4j2.configurationFile=" + AmLaunchContract.LOG4J_FILE,
                "-D" + LOG_FILE_PROPERTY + "=" + logDir + "/" + LOG_FILE,
                "-D" + MAX_FILE_SIZE_PROPERTY + "=" + maxFileSize.bytes(),
                "-D" + MAX_BACKUPS_PROPERTY + "=" + maxBackups);
    }

    /** The shell redirections of standard output and error into the log directory. */
    public static List<String> redirections() {
        String logDir = ApplicationConstants.LOG_DIR_EXPANSION_VAR;
        return List.of("1>" + logDir + "/" + STDOUT, "2>" + logDir + "/" + STDERR);
    }
}
