package io.spindle.runtime.jobmanager;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spindle.ha.storage.StatePointer;
import io.spindle.ha.storage.StateFileException;
import io.spindle.runtime.metadata.JobGraphData;
import io.spindle.runtime.rpc.StateHandles;
import java.time.Instant;
import java.util.List;

/**
 * A submitted job as stored in storageDir: everything a leader needs to run it, including where
 * its user jar is. Immutable.
 *
 * @param jobId 32 hex digits, unique in the cluster
 * @param name display name
 * @param entryClass the {@link io.spindle.api.Job} class in the jar
 * @param arguments program arguments
 * @param parallelism number of tasks
 * @param jar the user jar in storageDir
 * @param submittedAt when it was accepted
 * @param bounded whether the job ends by itself
 * @param counts how often it was restarted, restored and adopted so far, over all leaders
 */
public record JobGraph(
        String jobId,
        String name,
        String entryClass,
        List<String> arguments,
        int parallelism,
        StatePointer jar,
        Instant submittedAt,
        boolean bounded,
        JobCounts counts) {

    private static final int FORMAT_VERSION = 1;

    /** Copies the arguments. */
    public JobGraph {
        arguments = List.copyOf(arguments);
        java.util.Objects.requireNonNull(counts, "counts");
    }

    /** A job graph as submitted: nothing counted yet. */
    public JobGraph(String jobId, String name, String entryClass, List<String> arguments, int parallelism,
            StatePointer jar, Instant submittedAt, boolean bounded) {
        this(jobId, name, entryClass, arguments, parallelism, jar, submittedAt, bounded, JobCounts.NONE);
    }

    /** This job graph with other counts. */
    public JobGraph withCounts(JobCounts newCounts) {
        return new JobGraph(jobId, name, entryClass, arguments, parallelism, jar, submittedAt, bounded, newCounts);
    }

    /** The stored form. */
    public byte[] toBytes() {
        return JobGraphData.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setJobId(jobId)
                .setName(name)
                .setEntryClass(entryClass)
                .addAllArguments(arguments)
                .setParallelism(parallelism)
                .setJar(StateHandles.toHandle(jar))
                .setSubmittedAtMs(submittedAt.toEpochMilli())
                .setBounded(bounded)
                .setRestarts(counts.restarts())
                .setRestores(counts.restores())
                .setAdoptions(counts.adoptions())
                .build()
                .toByteArray();
    }

    /**
     * Decodes a stored job graph.
     *
     * @param source names the file, for the error message
     * @throws StateFileException (CORRUPT) if the bytes are not a job graph of a known version
     */
    public static JobGraph fromBytes(byte[] bytes, String source) throws StateFileException {
        JobGraphData data;
        try {
            data = JobGraphData.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new StateFileException(StateFileException.Kind.CORRUPT, source, "Job graph " + source
                    + " cannot be decoded: " + e.getMessage(), e);
        }
        if (data.getFormatVersion() != FORMAT_VERSION || data.getJobId().isEmpty() || data.getParallelism() < 1) {
            throw new StateFileException(StateFileException.Kind.CORRUPT, source, "Job graph " + source
                    + " has unknown format version " + data.getFormatVersion() + " or no job id / parallelism");
        }
        return new JobGraph(data.getJobId(), data.getName(), data.getEntryClass(), data.getArgumentsList(),
                data.getParallelism(), StateHandles.toPointer(data.getJar()),
                Instant.ofEpochMilli(data.getSubmittedAtMs()), data.getBounded(),
                new JobCounts(data.getRestarts(), data.getRestores(), data.getAdoptions()));
    }
}
