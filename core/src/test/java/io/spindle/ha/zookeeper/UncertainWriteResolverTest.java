package io.spindle.ha.zookeeper;

import io.spindle.ha.WriteOutcomeUnknownException;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;
import io.spindle.testing.SpindleClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a pointer back after a failed write, against a real ZooKeeper; the lost answers themselves: {@link ZooKeeperPointerStoreLostAnswerTest}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UncertainWriteResolverTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private static final String NAME = "job-1";
    private static final String NODE = ZooKeeperLayout.JOBGRAPHS + "/" + NAME;

    @TempDir
    java.nio.file.Path tmp;

    private CuratorFramework client;
    private ChecksummedFileStore files;
    private UncertainWriteResolver resolver;
    private StatePointer ours;

    @BeforeEach
    void setUp() throws Exception {
        client = TestLeader.client(CLUSTER.zooKeeperConnectString(), "cluster-" + UUID.randomUUID());
        files = new ChecksummedFileStore(FileSystem.getLocal(new Configuration()), new Path(tmp.resolve("files").toUri()));
        resolver = new UncertainWriteResolver(new PointerZnodes(client, ZooKeeperLayout.JOBGRAPHS), files, Duration.ofSeconds(5));
        ours = files.write(NAME, "ours".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static KeeperException lostAnswer() {
        return KeeperException.create(KeeperException.Code.CONNECTIONLOSS, NODE);
    }

    private boolean fileExists(StatePointer pointer) {
        return Files.exists(java.nio.file.Path.of(java.net.URI.create(pointer.path())));
    }

    private void storeInZooKeeper(byte[] data) throws Exception {
        client.create().creatingParentContainersIfNeeded().forPath(NODE, data);
    }

    @Test
    void anAppliedCreateKeepsItsFile() throws Exception {
        storeInZooKeeper(ours.encode());

        PointerZnodes.Known latest = resolver.resolveCreate(NAME, ours, lostAnswer());

        assertThat(latest.pointer()).isEqualTo(ours);
        assertThat(fileExists(ours)).isTrue();
    }

    @Test
    void aCreateNotAppliedDeletesItsFileAndFailsWithItsFailure() {
        KeeperException failure = lostAnswer();

        assertThatThrownBy(() -> resolver.resolveCreate(NAME, ours, failure))
                .isInstanceOf(CompletionException.class).hasCause(failure);
        assertThat(fileExists(ours)).isFalse();
    }

    @Test
    void anotherWritersPointerMeansOursWasNotApplied() throws Exception {
        StatePointer theirs = files.write(NAME, "theirs".getBytes(StandardCharsets.UTF_8));
        storeInZooKeeper(theirs.encode());

        UncertainWriteResolver.ReadBack after = resolver.readBack(NAME, ours, lostAnswer());

        assertThat(after.read()).isTrue();
        assertThat(after.holds(ours)).isFalse();
        assertThat(after.latest().pointer()).isEqualTo(theirs);
    }

    @Test
    void aZnodeWithoutAValidPointerIsNotOurs() throws Exception {
        storeInZooKeeper("garbage".getBytes(StandardCharsets.UTF_8));
        KeeperException failure = lostAnswer();

        UncertainWriteResolver.ReadBack after = resolver.readBack(NAME, ours, failure);

        assertThat(after).isEqualTo(new UncertainWriteResolver.ReadBack(null, true));
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(StateFileException.class);
    }

    @Test
    void aWriteNeverSentIsNotReadBack() throws Exception {
        client.close(); // any read would fail now

        UncertainWriteResolver.ReadBack after = resolver.readBack(NAME, ours, new WriteNotSentException("refused before sending"));

        assertThat(after).isEqualTo(new UncertainWriteResolver.ReadBack(null, true));
    }

    @Test
    void aPointerThatCannotBeReadBackKeepsTheFileAndLeavesTheOutcomeUnknown() throws Exception {
        client.close(); // reading fails at once, and not for a lost answer: no waiting for a connection
        KeeperException failure = lostAnswer();

        assertThat(resolver.readBack(NAME, ours, failure).read()).isFalse();
        assertThatThrownBy(() -> resolver.resolveCreate(NAME, ours, lostAnswer()))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WriteOutcomeUnknownException.class).hasMessageContaining("within 5000 ms");
        assertThat(fileExists(ours)).isTrue();
    }
}
