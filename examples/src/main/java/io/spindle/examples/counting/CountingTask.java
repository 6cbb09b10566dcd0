package io.spindle.examples.counting;

import java.io.IOException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.spindle.api.Task;
import io.spindle.api.TaskContext;
import io.spindle.examples.common.Closeables;
import io.spindle.examples.sink.TransactionalFileSink;

/**
 * Task {@code i} of a {@link CountingJob}: emits the lines {@code "i,n"} for n in [0, count),
 * {@code recordsPerStep} per step, through a {@link TransactionalFileSink}. With
 * {@code --emitted-log} it records, at each snapshot and at close, the records it emitted since
 * open in an {@link EmittedLog}.
 *
 * <p>Not thread-safe: driven by one thread, as {@link Task} says.
 */
final class CountingTask implements Task {

    private static final Logger LOG = LoggerFactory.getLogger(CountingTask.class);

    private final CountingArgs args;
    private final TaskContext context;
    private FileSystem fs;
    private TransactionalFileSink sink;
    private FailureInjector failures;
    private EmittedLog emitted;
    private long next;

    CountingTask(CountingArgs args, TaskContext context) {
        this.args = args;
        this.context = context;
    }

    @Override
    public void open(byte[] restoredState) throws Exception {
        CountingState restored = restoredState == null ? null : CountingState.decode(restoredState);
        Path configured = args.outputPath();
        fs = FileSystem.newInstance(configured.toUri(), context.hadoopConfiguration());
        Path output = fs.makeQualified(configured);
        next = restored == null ? 0 : restored.nextRecord();
        sink = TransactionalFileSink.open(fs, output, context.taskIndex(), context.deploymentId(),
                restored == null ? null : restored.sinkState());
        failures = FailureInjector.of(args, context.taskIndex(), fs, output);
        if (args.emittedLog()) {
            emitted = EmittedLog.open(fs, output, context.taskIndex(), context.deploymentId(), next);
        }
        LOG.info("Counting task {}/{} of job {} opened in deployment {} at record {} of {}", context.taskIndex(),
                context.parallelism(), context.jobId(), context.deploymentId(), next, args.count());
    }

    @Override
    public boolean step() throws Exception {
        long end = Math.min(args.count(), next + args.recordsPerStep());
        while (next < end) {
            failures.beforeRecord(next);
            sink.write(context.taskIndex() + "," + next);
            next++;
        }
        if (args.stepDelayMs() > 0) {
            Thread.sleep(args.stepDelayMs());
        }
        return next < args.count();
    }

    @Override
    public byte[] snapshotState(long checkpointId) throws IOException {
        byte[] sinkState = sink.snapshot(checkpointId);
        recordEmitted();
        return new CountingState(next, sinkState).encode();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws IOException {
        sink.commitUpTo(checkpointId);
    }

    @Override
    public void close() throws IOException {
        try {
            recordEmitted();
        } finally {
            Closeables.closeAll(sink, fs);
        }
    }

    private void recordEmitted() throws IOException {
        if (emitted != null) {
            emitted.record(next);
        }
    }
}
