package io.spindle.examples.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spindle.examples.common.StateCodec;
import io.spindle.examples.testing.OutputFiles;

class TransactionalFileSinkTest {

    @TempDir
    java.nio.file.Path tmp;

    private FileSystem fs;
    private Path out;
    private final List<TransactionalFileSink> sinks = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
        out = new Path(tmp.toUri().toString(), "out");
    }

    @AfterEach
    void tearDown() throws IOException {
        for (TransactionalFileSink sink : sinks) {
            sink.close();
        }
    }

    private TransactionalFileSink open(int task, String deployment, byte[] state) throws IOException {
        TransactionalFileSink sink = TransactionalFileSink.open(fs, out, task, deployment, state);
        sinks.add(sink);
        return sink;
    }

    private List<String> read(String name) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(fs.open(new Path(out, name)), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void snapshotPreCommitsAndNotifyMakesVisible() throws IOException {
        TransactionalFileSink sink = open(2, "d1", null);
        sink.write("a");
        sink.write("b");
        assertThat(OutputFiles.inProgress(fs, out)).containsExactly("task-00002-d1.inprogress");

        sink.snapshot(7);
        assertThat(OutputFiles.inProgress(fs, out)).isEmpty();
        assertThat(OutputFiles.pending(fs, out)).containsExactly("task-00002-cp-0000000007-d1.pending");
        assertThat(OutputFiles.parts(fs, out)).isEmpty();
        assertThat(sink.pendingCheckpoints()).containsExactly(7L);

        sink.commitUpTo(7);
        assertThat(OutputFiles.parts(fs, out)).containsExactly("part-00002-0000000007");
        assertThat(read("part-00002-0000000007")).containsExactly("a", "b");
        assertThat(OutputFiles.pending(fs, out)).isEmpty();
        assertThat(sink.pendingCheckpoints()).isEmpty();
    }

    @Test
    void committingTwiceIsHarmless() throws IOException {
        TransactionalFileSink sink = open(0, "d1", null);
        sink.write("x");
        byte[] state = sink.snapshot(1);
        sink.commitUpTo(1);
        sink.commitUpTo(1);
        sink.close();

        // a restore from the same checkpoint commits it once more: the part is there, pending gone
        TransactionalFileSink restored = open(0, "d2", state);
        restored.commitUpTo(1);
        assertThat(OutputFiles.parts(fs, out)).containsExactly("part-00000-0000000001");
        assertThat(read("part-00000-0000000001")).containsExactly("x");
    }

    @Test
    void snapshotWithNothingWrittenCreatesNoFile() throws IOException {
        TransactionalFileSink sink = open(0, "d1", null);
        sink.snapshot(1);
        sink.commitUpTo(1);
        sink.write("late");
        sink.snapshot(2);
        sink.snapshot(3);
        sink.commitUpTo(3);
        assertThat(OutputFiles.parts(fs, out)).containsExactly("part-00000-0000000002");
    }

    @Test
    void commitUpToCommitsEveryEarlierPendingCheckpointOnly() throws IOException {
        TransactionalFileSink sink = open(1, "d1", null);
        for (long cp = 1; cp <= 3; cp++) {
            sink.write("line " + cp);
            sink.snapshot(cp);
        }
        sink.commitUpTo(2);
        assertThat(OutputFiles.parts(fs, out)).containsExactly("part-00001-0000000001", "part-00001-0000000002");
        assertThat(sink.pendingCheckpoints()).containsExactly(3L);
    }

    @Test
    void openCommitsEveryPendingCheckpointTheRestoredStateNames() throws IOException {
        TransactionalFileSink first = open(0, "d1", null);
        first.write("one");
        first.snapshot(1);
        first.write("two");
        byte[] state = first.snapshot(2); // neither was notified

        open(0, "d2", state);
        assertThat(OutputFiles.parts(fs, out)).containsExactly("part-00000-0000000001", "part-00000-0000000002");
        assertThat(OutputFiles.pending(fs, out)).isEmpty();
    }

    @Test
    void openDiscardsUncommittedFilesOfItsOwnTaskOnly() throws IOException {
        TransactionalFileSink task0 = open(0, "d1", null);
        TransactionalFileSink task1 = open(1, "d1", null);
        task0.write("0-pending");
        task1.write("1-pending");
        byte[] state0 = task0.snapshot(1);
        task1.snapshot(1);
        task0.write("0-pending-later");
        task0.snapshot(2); // not in state0
        task0.write("0-in-progress");
        task1.write("1-in-progress");

        open(0, "d2", state0);
        assertThat(OutputFiles.parts(fs, out)).containsExactly("part-00000-0000000001");
        assertThat(OutputFiles.pending(fs, out)).containsExactly("task-00001-cp-0000000001-d1.pending");
        assertThat(OutputFiles.inProgress(fs, out)).containsExactly("task-00001-d1.inprogress");
    }

    @Test
    void deploymentsWriteToDifferentFiles() throws IOException {
        TransactionalFileSink a = open(0, "attempt/1", null);
        TransactionalFileSink b = open(0, "attempt_1", null);
        a.write("a");
        b.write("b");
        assertThat(OutputFiles.inProgress(fs, out)).hasSize(2);
        assertThat(SinkLayout.token("attempt/1")).isNotEqualTo(SinkLayout.token("attempt_1"));
    }

    @Test
    void commitFailsLoudlyWhenTheOutputIsGone() throws IOException {
        TransactionalFileSink sink = open(0, "d1", null);
        sink.write("x");
        sink.snapshot(1);
        fs.delete(new Path(out, "_pending"), true);
        assertThatThrownBy(() -> sink.commitUpTo(1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checkpoint 1")
                .hasMessageContaining("neither");
    }

    @Test
    void commitFailsWhenAnotherPartAlreadyHasTheCheckpointsName() throws IOException {
        TransactionalFileSink sink = open(0, "d1", null);
        sink.write("x");
        sink.snapshot(1);
        fs.create(new Path(out, "part-00000-0000000001"), false).close();
        assertThatThrownBy(() -> sink.commitUpTo(1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void checkpointIdsMustIncrease() throws IOException {
        TransactionalFileSink sink = open(0, "d1", null);
        sink.snapshot(5);
        assertThatThrownBy(() -> sink.snapshot(5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not increase");
    }

    @Test
    void rejectsMultiLineRecordsAndUseAfterClose() throws IOException {
        TransactionalFileSink sink = open(0, "d1", null);
        assertThatThrownBy(() -> sink.write("a\nb")).isInstanceOf(IllegalArgumentException.class);
        sink.close();
        assertThatThrownBy(() -> sink.write("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsAStateOfAnUnknownVersion() {
        byte[] future = StateCodec.encode(99, o -> o.writeInt(0));
        assertThatThrownBy(() -> open(0, "d1", future))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("file sink state has version 99, but this jar reads only version 1");
    }

    @Test
    void stateRoundTrips() {
        java.util.SortedMap<Long, String> pending = new java.util.TreeMap<>();
        pending.put(3L, "d-1");
        pending.put(9L, "d/ü");
        SinkState state = new SinkState(pending);
        assertThat(SinkState.decode(state.encode())).isEqualTo(state);
    }

    @Test
    void partNamesSortByTaskThenCheckpoint() {
        SinkLayout layout = new SinkLayout(new Path("/o"), 3);
        assertThat(layout.partFile(9).getName()).isEqualTo("part-00003-0000000009");
        assertThat(layout.partFile(9).getName()).isLessThan(layout.partFile(10).getName());
        assertThat(new SinkLayout(new Path("/o"), 2).partFile(100).getName()).isLessThan(layout.partFile(1).getName());
    }
}
