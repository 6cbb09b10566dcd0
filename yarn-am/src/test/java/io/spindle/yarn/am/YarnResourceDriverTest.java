package io.spindle.yarn.am;

import static io.spindle.yarn.am.YarnRecords.completed;
import static io.spindle.yarn.am.YarnRecords.container;
import static io.spindle.yarn.am.YarnRecords.containerId;
import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.runtime.jobmanager.StartupTimeline;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The driver's bookkeeping against a recording stand-in for the ResourceManager and NodeManagers. */
class YarnResourceDriverTest {

    private static final int SLOTS_PER_CONTAINER = 2;

    private final RecordingYarnContainers yarn = new RecordingYarnContainers();
    private final List<String> fatalErrors = new ArrayList<>();
    private final ContainerLaunchContext launchContext = ContainerLaunchContext.newInstance(
            null, null, List.of("java", "TaskExecutorEntrypoint"), null, null, null);

    private final AtomicLong now = new AtomicLong(1_000_000L);

    private YarnResourceDriver driver(int maxFailures) {
        return driver(maxFailures, 0);
    }

    /** A driver that excludes a node after {@code nodeFailures} failures on it (0: never) for 10 minutes of {@link #now}. */
    private YarnResourceDriver driver(int maxFailures, int nodeFailures) {
        return new YarnResourceDriver(yarn, Resource.newInstance(1024, 1), SLOTS_PER_CONTAINER,
                new ContainerFailureRate(maxFailures, Duration.ofMinutes(5)),
                new NodeExclusion(nodeFailures, Duration.ofMinutes(10), false, now::get), fatalErrors::add,
                new StartupTimeline());
    }

    /** A driver registered with the containers {@code adopted} from earlier attempts, then asked for {@code slots}. */
    private YarnResourceDriver registered(int maxFailures, List<Container> adopted, int slots) {
        YarnResourceDriver driver = driver(maxFailures);
        driver.registered(adopted, launchContext);
        driver.requireSlots(slots);
        return driver;
    }

    @Test
    void requestsNothingBeforeRegistrationThenTheContainersTheSlotsNeed() {
        YarnResourceDriver driver = driver(10);

        driver.requireSlots(5);
        assertThat(yarn.requestsMade).isZero();

        driver.registered(List.of(), launchContext);
        assertThat(yarn.openRequests).hasSize(3);

        driver.requireSlots(6);
        assertThat(yarn.openRequests).as("requests already open count towards the slots").hasSize(3);
    }

    @Test
    void adoptsTheContainersOfEarlierAttemptsAndRequestsOnlyTheRest() {
        YarnResourceDriver driver = driver(10);
        driver.requireSlots(6);

        driver.registered(List.of(container(1, 2), container(1, 3)), launchContext);

        assertThat(yarn.openRequests).hasSize(1);
        assertThat(yarn.started).as("adopted TaskExecutors are running already").isEmpty();
    }

    @Test
    void startsATaskExecutorInEachAllocatedContainerAndReturnsSurplusOnes() {
        YarnResourceDriver driver = registered(10, List.of(), 2);

        driver.containersAllocated(List.of(container(1, 2), container(1, 3)));

        assertThat(yarn.started).containsExactly(containerId(1, 2));
        assertThat(yarn.launchContexts).containsExactly(launchContext);
        assertThat(yarn.released).containsExactly(containerId(1, 3));
        assertThat(yarn.openRequests).isEmpty();
    }

    @Test
    void replacesTheContainerOfALostTaskExecutor() {
        YarnResourceDriver driver = registered(10, List.of(container(1, 2)), 2);
        assertThat(yarn.requestsMade).isZero();

        driver.workerLost(containerId(1, 2).toString(), "heartbeat timed out");

        assertThat(yarn.released).containsExactly(containerId(1, 2));
        assertThat(yarn.stopped).containsExactly(containerId(1, 2));
        assertThat(yarn.openRequests).hasSize(1);
    }

    @Test
    void ignoresLostWorkersItDoesNotKnow() {
        YarnResourceDriver driver = registered(10, List.of(container(1, 2)), 2);

        driver.workerLost(containerId(1, 9).toString(), "not ours");
        driver.workerLost("localhost:6123", "standalone id");
        driver.workerLost("", "no id");

        assertThat(yarn.released).isEmpty();
        assertThat(yarn.stopped).isEmpty();
        assertThat(yarn.requestsMade).isZero();
    }

    @Test
    void ignoresCompletionsOfContainersItDoesNotKnowOrReleasedItself() {
        YarnResourceDriver driver = registered(0, List.of(container(1, 2)), 2);
        driver.workerLost(containerId(1, 2).toString(), "heartbeat timed out");
        assertThat(yarn.openRequests).hasSize(1);

        driver.containersCompleted(List.of(completed(containerId(1, 2), ContainerExitStatus.ABORTED),
                completed(containerId(1, 77), 1)));

        assertThat(yarn.openRequests).as("nothing more to replace").hasSize(1);
        assertThat(fatalErrors).as("with 0 failures tolerated, a counted failure would be fatal").isEmpty();
    }

    @Test
    void replacesAFailedContainerAndCountsTheFailure() {
        YarnResourceDriver driver = registered(1, List.of(container(1, 2), container(1, 3)), 4);

        driver.containersCompleted(List.of(completed(containerId(1, 2), 1)));
        assertThat(yarn.openRequests).hasSize(1);
        assertThat(fatalErrors).isEmpty();

        driver.containersCompleted(List.of(completed(containerId(1, 3), 143)));
        assertThat(fatalErrors).singleElement().asString()
                .contains("2 TaskExecutor containers failed within 300 s")
                .contains("yarn.taskmanager.max-failed-containers = 1");
        assertThat(yarn.openRequests).as("no replacement once the application is given up").hasSize(1);
    }

    @ParameterizedTest(name = "exit status {0}")
    @ValueSource(ints = {ContainerExitStatus.SUCCESS, ContainerExitStatus.PREEMPTED,
            ContainerExitStatus.KILLED_BY_RESOURCEMANAGER, ContainerExitStatus.KILLED_BY_APPMASTER,
            ContainerExitStatus.KILLED_AFTER_APP_COMPLETION, ContainerExitStatus.ABORTED,
            ContainerExitStatus.DISKS_FAILED, ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER})
    void replacesButDoesNotCountContainersThatDidNotFail(int exitStatus) {
        YarnResourceDriver driver = registered(0, List.of(container(1, 2), container(1, 3)), 4);

        driver.containersCompleted(List.of(completed(containerId(1, 2), exitStatus),
                completed(containerId(1, 3), exitStatus)));

        assertThat(fatalErrors).isEmpty();
        assertThat(yarn.openRequests).hasSize(2);
    }

    @Test
    void countsAContainerThatCouldNotBeStartedAndReplacesIt() {
        YarnResourceDriver driver = registered(0, List.of(), 2);
        Container allocated = container(1, 2);
        driver.containersAllocated(List.of(allocated));

        driver.containerStartFailed(allocated.getId(), new IOException("NodeManager unreachable"));

        assertThat(yarn.released).containsExactly(allocated.getId());
        assertThat(fatalErrors).singleElement().asString().contains("1 TaskExecutor containers failed");
    }

    @Test
    void excludesANodeWhoseContainersKeepFailingUntilTheExclusionExpires() {
        YarnResourceDriver driver = driver(10, 2);
        driver.registered(List.of(container(1, 2), container(1, 3), onOtherNode(4)), launchContext);
        driver.requireSlots(6);

        driver.containersCompleted(List.of(completed(containerId(1, 2), 1), completed(containerId(1, 4), 1)));
        assertThat(yarn.excluded).as("one failure on each node").isEmpty();
        driver.containerStartFailed(containerId(1, 3), new IOException("bad JVM"));

        assertThat(yarn.excluded).containsExactly(YarnRecords.NODE.getHost());
        assertThat(driver.excludedNodes()).containsExactly(YarnRecords.NODE.getHost());
        assertThat(yarn.openRequests).as("every failed container is replaced").hasSize(3);
        assertThat(fatalErrors).isEmpty();

        now.addAndGet(Duration.ofMinutes(10).toNanos());
        assertThat(driver.excludedNodes()).isEmpty();
        assertThat(yarn.excluded).isEmpty();
    }

    private static Container onOtherNode(long number) {
        NodeId other = NodeId.newInstance("node-2.invalid", 45454);
        return Container.newInstance(containerId(1, number), other, other.getHost() + ":8042",
                Resource.newInstance(1024, 1), Priority.newInstance(1), null);
    }

    @Test
    void reportsTheFatalErrorOnce() {
        YarnResourceDriver driver = driver(0);
        driver.registered(List.of(container(1, 2), container(1, 3)), launchContext);

        driver.containersCompleted(List.of(completed(containerId(1, 2), 1), completed(containerId(1, 3), 1)));

        assertThat(fatalErrors).hasSize(1);
    }

    @Test
    void closeWithdrawsOpenRequestsReturnsLateAllocationsAndStopsTheNodeManagerClient() {
        YarnResourceDriver driver = registered(10, List.of(), 4);
        assertThat(yarn.openRequests).hasSize(2);

        driver.close();
        driver.containersAllocated(List.of(container(1, 2)));
        driver.requireSlots(8);

        assertThat(yarn.openRequests).isEmpty();
        assertThat(yarn.released).containsExactly(containerId(1, 2));
        assertThat(yarn.started).isEmpty();
        assertThat(yarn.closed).isTrue();
    }
}
