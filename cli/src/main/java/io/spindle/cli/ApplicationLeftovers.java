package io.spindle.cli;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

/**
 * What one ended YARN application left behind (its staging directory, and the HA data of the
 * cluster-id the ApplicationMaster derived from its application id), and what {@code spindle ha gc}
 * may remove of it. Immutable.
 *
 * <p>The rule: the staging directory of an ended application is always garbage (only its
 * ApplicationMaster reads it). Its HA data is garbage too, except after a failure: the HA data of a
 * FAILED application (YARN state or final status) is what a resubmission with the same cluster-id
 * recovers from, so it is kept unless {@code includeFailed}.
 *
 * @param applicationId the application
 * @param state         its state at the ResourceManager: FINISHED, FAILED or KILLED
 * @param finalStatus   its final status
 * @param stagingDir    its staging directory, if it still exists
 * @param znode         its cluster znode, if it still exists
 * @param storageDir    its folder in storageDir, if it still exists
 */
record ApplicationLeftovers(ApplicationId applicationId, YarnApplicationState state, FinalApplicationStatus finalStatus,
        Optional<Leftover> stagingDir, Optional<Leftover> znode, Optional<Leftover> storageDir) {

    /** The states of an application that has ended for good. */
    static final List<YarnApplicationState> ENDED =
            List.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

    /** @throws IllegalArgumentException if {@code state} is not an ended state */
    ApplicationLeftovers {
        if (!ENDED.contains(state)) {
            throw new IllegalArgumentException(applicationId + " has not ended: " + state);
        }
    }

    /** Whether the application failed (YARN's state or its final status). */
    boolean failed() {
        return state == YarnApplicationState.FAILED || finalStatus == FinalApplicationStatus.FAILED;
    }

    /** Whether gc removes its HA data (znode and storageDir folder). */
    boolean removesHaData(boolean includeFailed) {
        return !failed() || includeFailed;
    }

    /** Whether anything is left. */
    boolean isEmpty() {
        return stagingDir.isEmpty() && znode.isEmpty() && storageDir.isEmpty();
    }

    /** The HA data leftovers: znode, then storageDir folder. */
    List<Leftover> haData() {
        return Stream.of(znode, storageDir).flatMap(Optional::stream).toList();
    }

    /** {@code KILLED (KILLED)}, as printed. */
    String stateDescription() {
        return state + " (" + finalStatus + ")";
    }
}
