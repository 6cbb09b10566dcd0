package io.spindle.yarn.am;

import io.spindle.yarn.common.AmLaunchContract;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * What the ApplicationMaster learns from its container's environment: who it is (attempt id),
 * where the staged files are, the cluster mode. Immutable.
 *
 * @param attemptId this AM's application attempt
 * @param stagingDir the staging dir URI
 * @param perJob whether this is a per-job cluster
 * @param providedLibDirs pre-uploaded jar folders, or empty
 * @param javaHome JAVA_HOME of this container, used for TaskExecutor containers too
 * @param nodeHost the NodeManager host this AM runs on
 */
public record AmEnvironment(
        ApplicationAttemptId attemptId,
        String stagingDir,
        boolean perJob,
        List<String> providedLibDirs,
        String javaHome,
        String nodeHost) {

    /**
     * Reads the environment.
     *
     * @throws IllegalStateException naming the variable that is missing or malformed
     */
    public static AmEnvironment from(Map<String, String> env) {
        String containerId = require(env, Environment.CONTAINER_ID.name());
        ApplicationAttemptId attempt;
        try {
            attempt = ContainerId.fromString(containerId).getApplicationAttemptId();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Malformed " + Environment.CONTAINER_ID.name() + " '" + containerId + "'", e);
        }
        String mode = require(env, AmLaunchContract.ENV_CLUSTER_MODE);
        if (!mode.equals(AmLaunchContract.MODE_SESSION) && !mode.equals(AmLaunchContract.MODE_PER_JOB)) {
            throw new IllegalStateException("Unknown " + AmLaunchContract.ENV_CLUSTER_MODE + " '" + mode + "'");
        }
        String provided = env.getOrDefault(AmLaunchContract.ENV_PROVIDED_LIB_DIRS, "");
        return new AmEnvironment(attempt, require(env, AmLaunchContract.ENV_STAGING_DIR),
                mode.equals(AmLaunchContract.MODE_PER_JOB),
                provided.isBlank() ? List.of() : Arrays.stream(provided.split(",")).map(String::strip).toList(),
                env.getOrDefault(Environment.JAVA_HOME.name(), System.getProperty("java.home")),
                env.getOrDefault(Environment.NM_HOST.name(), "localhost"));
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The ApplicationMaster's environment lacks " + name
                    + ": it must be started by Spindle's YARN client");
        }
        return value;
    }
}
