package io.spindle.runtime.taskexecutor;

import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.jobmanager.TaskKey;
import io.spindle.runtime.rpc.StateHandles;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import io.spindle.runtime.testing.ExamplesJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;

/** Task submissions of the examples' counting job, with everything they need under one local directory. Stateless. */
final class CountingTaskRequests {

    private CountingTaskRequests() {
    }

    /**
     * A submission of task {@code key} of the counting job (parallelism 1, a million records, 5 ms
     * apart): its jar stored in {@code <dir>/jars} as a JobManager stores it, output to
     * {@code <dir>/out}, state in {@code <dir>/task-state}. No leader session is set.
     */
    static SubmitTaskRequest.Builder of(Path dir, TaskKey key) throws IOException {
        FileSystem local = FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
        StatePointer jar = new ChecksummedFileStore(local, new org.apache.hadoop.fs.Path(dir.resolve("jars").toUri()))
                .write("job", Files.readAllBytes(ExamplesJar.locate(dir.resolve("work"))));
        return SubmitTaskRequest.newBuilder()
                .setTask(key.toProto())
                .setParallelism(1)
                .setEntryClass("io.spindle.examples.counting.CountingJob")
                .addAllArguments(ExamplesJar.countingArgs(dir.resolve("out").toString(), 1_000_000, 5))
                .setJar(StateHandles.toHandle(jar))
                .setStateDir(dir.resolve("task-state").toUri().toString());
    }
}
