package io.spindle.yarn.am;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.runtime.jobmanager.JobManager;
import io.spindle.runtime.jobmanager.JobSubmission;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/** Reads the staged job of a per-job cluster ({@code job.properties} and {@code usrlib/job.jar}). */
public final class PerJobDescription {

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
        Properties job = new Properties();
        try (Reader reader = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
            job.load(reader);
        }
        String entryClass = job.getProperty(AmLaunchContract.JOB_ENTRY_CLASS, "");
        List<String> arguments = new ObjectMapper().readValue(job.getProperty(AmLaunchContract.JOB_ARGUMENTS, "[]"),
                new TypeReference<List<String>>() { });
        int parallelism;
        try {
            parallelism = Integer.parseInt(job.getProperty(AmLaunchContract.JOB_PARALLELISM, "1").strip());
        } catch (NumberFormatException e) {
            throw new IOException("Malformed parallelism in " + properties + ": " + e.getMessage());
        }
        String name = job.getProperty(AmLaunchContract.JOB_NAME, "");
        return new JobManager.PerJob(jobIdOf(applicationId), new JobSubmission(name, jar, entryClass, arguments, parallelism));
    }

    /** The per-job cluster's job id: derived from the application id, so every attempt agrees. */
    public static String jobIdOf(ApplicationId applicationId) {
        return UUID.nameUUIDFromBytes(applicationId.toString().getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
