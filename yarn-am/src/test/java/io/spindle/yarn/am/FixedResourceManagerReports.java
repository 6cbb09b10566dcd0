package io.spindle.yarn.am;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.exceptions.ApplicationAttemptNotFoundException;

/**
 * {@link ResourceManagerReports} answering from maps the test fills; an unknown application is
 * reported as unknown, an unknown attempt throws as YARN's client does. Records every question.
 * Not thread-safe: one test thread.
 */
final class FixedResourceManagerReports implements ResourceManagerReports {

    final Map<ApplicationId, YarnApplicationState> applications = new HashMap<>();
    final Map<ApplicationAttemptId, YarnApplicationAttemptState> attempts = new HashMap<>();
    int questions;

    @Override
    public Optional<YarnApplicationState> applicationState(ApplicationId application) {
        questions++;
        return Optional.ofNullable(applications.get(application));
    }

    @Override
    public YarnApplicationAttemptState attemptState(ApplicationAttemptId attempt) throws Exception {
        questions++;
        YarnApplicationAttemptState state = attempts.get(attempt);
        if (state == null) {
            throw new ApplicationAttemptNotFoundException("no attempt " + attempt);
        }
        return state;
    }
}
