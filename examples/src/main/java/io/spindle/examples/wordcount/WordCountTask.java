package io.spindle.examples.wordcount;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.spindle.api.Task;
import io.spindle.api.TaskContext;
import io.spindle.examples.common.Closeables;
import io.spindle.examples.sink.TransactionalFileSink;

/**
 * Task {@code i} of a {@link WordCountJob}: counts the words of its files, {@value #LINES_PER_STEP}
 * lines per step, and when done writes {@code word<TAB>count} lines, sorted by word, to the
 * transactional sink, where they become visible with the next completed checkpoint.
 *
 * <p>Not thread-safe: driven by one thread, as {@link Task} says.
 */
final class WordCountTask implements Task {

    /** Lines read per step at most. */
    static final int LINES_PER_STEP = 100;

    private static final Logger LOG = LoggerFactory.getLogger(WordCountTask.class);

    private final WordCountArgs args;
    private final TaskContext context;
    private final TreeMap<String, Long> counts = new TreeMap<>();
    private FileSystem inputFs;
    private FileSystem outputFs;
    private LineCursor cursor;
    private TransactionalFileSink sink;
    private boolean emitted;

    WordCountTask(WordCountArgs args, TaskContext context) {
        this.args = args;
        this.context = context;
    }

    @Override
    public void open(byte[] restoredState) throws Exception {
        WordCountState restored = restoredState == null ? null : WordCountState.decode(restoredState);
        inputFs = FileSystem.newInstance(args.inputPath().toUri(), context.hadoopConfiguration());
        outputFs = FileSystem.newInstance(args.outputPath().toUri(), context.hadoopConfiguration());
        List<Path> files = InputFiles.assigned(inputFs, inputFs.makeQualified(args.inputPath()),
                context.taskIndex(), context.parallelism());
        if (restored != null) {
            counts.putAll(restored.counts());
            emitted = restored.emitted();
        }
        cursor = new LineCursor(inputFs, files, restored == null ? 0 : restored.fileIndex(),
                restored == null ? 0 : restored.lineNumber());
        sink = TransactionalFileSink.open(outputFs, outputFs.makeQualified(args.outputPath()), context.taskIndex(),
                context.deploymentId(), restored == null ? null : restored.sinkState());
        LOG.info("Word count task {}/{} opened in deployment {}: {} file(s), at file {} line {}, {} word(s) so far{}",
                context.taskIndex(), context.parallelism(), context.deploymentId(), files.size(), cursor.fileIndex(),
                cursor.lineNumber(), counts.size(), emitted ? ", output already written" : "");
    }

    @Override
    public boolean step() throws IOException {
        if (emitted) {
            return false;
        }
        cursor.read(LINES_PER_STEP, line -> Words.count(line, counts));
        if (!cursor.exhausted()) {
            return true;
        }
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            sink.write(e.getKey() + "\t" + e.getValue());
        }
        LOG.info("Word count task {} wrote {} word(s)", context.taskIndex(), counts.size());
        counts.clear();
        emitted = true;
        return false;
    }

    @Override
    public byte[] snapshotState(long checkpointId) throws IOException {
        byte[] sinkState = sink.snapshot(checkpointId);
        return new WordCountState(cursor.fileIndex(), cursor.lineNumber(), emitted, counts, sinkState).encode();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws IOException {
        sink.commitUpTo(checkpointId);
    }

    @Override
    public void close() throws IOException {
        Closeables.closeAll(cursor, sink, inputFs, outputFs);
    }
}
