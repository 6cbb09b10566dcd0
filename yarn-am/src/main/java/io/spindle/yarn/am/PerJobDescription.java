package io.spindle.yarn.am;

import io.spindle.runtime.jobmanager.JobManager;
import io.spindle.runtime.jobmanager.JobSubmission;
import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.StagedJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/** Reads the staged job of a per-job cluster ({@code job.properties} and {@code usrlib/job.jar}). */
final class PerJobDescription {

    private PerJobDescription() {}

    /**
     * @param workDir the container's working directory, where the staged files are localized
     * @throws IOException naming the file that is missing or malformed
     */
    static JobManager.PerJob read(Path workDir, ApplicationId applicationId) throws IOException {
        Path properties = workDir.resolve(AmLaunchContract.JOB_PROPERTIES);
        Path jar = workDir.resolve(AmLaunchContract.USER_JAR);
        if (!Files.isRegularFile(properties) || !Files.isRegularFile(jar)) {
            throw new IOException("A per-job cluster needs " + AmLaunchContract.JOB_PROPERTIES + " and "
                    + AmLaunchContract.USER_JAR + " in its container; they were not staged");
        }
        StagedJob job;
        try (InputStream in = Files.newInputStream(properties)) {
            job = StagedJob.decode(in, properties.toString());
        }
        return new JobManager.PerJob(StagedJob.jobIdOf(applicationId),
                new JobSubmission(job.name(), jar, job.entryClass(), job.arguments(), job.parallelism()));
    }
}
