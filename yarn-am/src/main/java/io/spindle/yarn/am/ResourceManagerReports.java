package io.spindle.yarn.am;

import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;

/**
 * What the AM asks the ResourceManager about other applications and attempts: the two reports
 * {@link ClusterIdGuard} and {@link YarnAttemptFinishedPredicate} need, so they can be tested
 * without a YARN cluster. Implementations are thread-safe; calls may block on the ResourceManager.
 */
interface ResourceManagerReports {

    /**
     * @return the application's state, or empty when the ResourceManager does not know it (any more)
     * @throws Exception if the ResourceManager cannot be asked
     */
    Optional<YarnApplicationState> applicationState(ApplicationId application) throws Exception;

    /**
     * @return the attempt's state
     * @throws Exception if the ResourceManager cannot be asked or does not know the attempt
     */
    YarnApplicationAttemptState attemptState(ApplicationAttemptId attempt) throws Exception;

    /** @return the reports of {@code yarn}, a started client */
    static ResourceManagerReports of(YarnClient yarn) {
        return new ResourceManagerReports() {
            @Override
            public Optional<YarnApplicationState> applicationState(ApplicationId application) throws Exception {
                try {
                    return Optional.of(yarn.getApplicationReport(application).getYarnApplicationState());
                } catch (ApplicationNotFoundException e) {
                    return Optional.empty();
                }
            }

            @Override
            public YarnApplicationAttemptState attemptState(ApplicationAttemptId attempt) throws Exception {
                return yarn.getApplicationAttemptReport(attempt).getYarnApplicationAttemptState();
            }
        };
    }
}
