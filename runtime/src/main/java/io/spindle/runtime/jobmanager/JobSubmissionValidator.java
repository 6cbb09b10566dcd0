package io.spindle.runtime.jobmanager;

import io.spindle.api.Job;
import io.spindle.runtime.jobmanager.JobSubmissionException.Reason;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * Checks a submission before anything is stored: parallelism, the jar, its entry class (present,
 * a {@link Job}, instantiable) and the job's own validation of its arguments. Refusals are
 * {@link JobSubmissionException}s with a {@link Reason}; the REST layer maps them to status codes.
 *
 * <p>Stateless and thread-safe. Loads the entry class in a throw-away class loader. The YARN client
 * runs the same checks before it creates a per-job application.
 */
public final class JobSubmissionValidator {

    private JobSubmissionValidator() {
    }

    /**
     * @return whether the job is bounded
     * @throws JobSubmissionException naming what is wrong
     */
    public static boolean validate(JobSubmission submission) {
        if (submission.parallelism() < 1) {
            throw refused(Reason.INVALID_PARALLELISM, "Parallelism must be at least 1, not " + submission.parallelism());
        }
        Path jar = submission.jar();
        if (jar == null || !Files.isRegularFile(jar)) {
            throw refused(Reason.MISSING_JAR, "The job jar is missing");
        }
        try (JarFile ignored = new JarFile(jar.toFile());
                URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                        JobSubmissionValidator.class.getClassLoader())) {
            Job job = instantiate(submission.entryClass(), loader);
            try {
                job.validate(submission.arguments());
            } catch (IllegalArgumentException e) {
                throw refused(Reason.INVALID_ARGUMENTS, "Invalid job arguments: " + e.getMessage());
            } catch (RuntimeException e) {
                throw refused(Reason.INVALID_ARGUMENTS, "The job rejected its arguments: " + e);
            }
            return job.isBounded();
        } catch (ZipException e) {
            throw refused(Reason.INVALID_JAR, "The job jar is not a valid jar file: " + e.getMessage());
        } catch (IOException e) {
            throw refused(Reason.INVALID_JAR, "The job jar cannot be read: " + e.getMessage());
        }
    }

    private static Job instantiate(String entryClass, ClassLoader loader) {
        Class<?> entry;
        try {
            entry = Class.forName(entryClass, false, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw refused(Reason.ENTRY_CLASS_NOT_FOUND, "Class " + entryClass + " not found in the job jar");
        }
        if (!Job.class.isAssignableFrom(entry)) {
            throw refused(Reason.NOT_A_JOB, "Class " + entryClass + " does not implement " + Job.class.getName());
        }
        try {
            return (Job) entry.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw refused(Reason.NOT_A_JOB, "Class " + entryClass
                    + " cannot be instantiated (it needs a public no-argument constructor): " + e);
        }
    }

    private static JobSubmissionException refused(Reason reason, String message) {
        return new JobSubmissionException(reason, message);
    }
}
