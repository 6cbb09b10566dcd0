package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.YarnOptions;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.LogAggregationContext;

/**
 * Which container log files YARN aggregates, as the application asks for them: at its end
 * ({@code yarn.log-aggregation.include-pattern} / {@code exclude-pattern}) and, for long-running
 * sessions, while it runs ({@code yarn.log-aggregation.rolled-logs-include-pattern} /
 * {@code rolled-logs-exclude-pattern}; the NodeManagers upload matching files every
 * {@code yarn.nodemanager.log-aggregation.roll-monitoring-interval-seconds}). Set on the submission
 * context as YARN's {@link LogAggregationContext}; with no pattern set, none is sent and the
 * cluster's defaults apply. Whether aggregation happens at all is the cluster's
 * {@code yarn.log-aggregation-enable}.
 *
 * <p>Immutable and thread-safe.
 */
public record LogAggregationPatterns(Optional<String> include, Optional<String> exclude,
        Optional<String> rolledInclude, Optional<String> rolledExclude) {

    /** @return the patterns of {@code conf}; blank ones count as unset */
    public static LogAggregationPatterns from(Configuration conf) {
        return new LogAggregationPatterns(pattern(conf, YarnOptions.LOG_AGGREGATION_INCLUDE_PATTERN),
                pattern(conf, YarnOptions.LOG_AGGREGATION_EXCLUDE_PATTERN),
                pattern(conf, YarnOptions.LOG_AGGREGATION_ROLLED_INCLUDE_PATTERN),
                pattern(conf, YarnOptions.LOG_AGGREGATION_ROLLED_EXCLUDE_PATTERN));
    }

    private static Optional<String> pattern(Configuration conf, io.spindle.configuration.ConfigOption<String> option) {
        return conf.getOptional(option).map(String::strip).filter(p -> !p.isEmpty());
    }

    /** @return whether any pattern is set */
    public boolean isSet() {
        return Stream.of(include, exclude, rolledInclude, rolledExclude).anyMatch(Optional::isPresent);
    }

    /** Sets the {@link LogAggregationContext} of {@code ctx} if any pattern is set. */
    public void applyTo(ApplicationSubmissionContext ctx) {
        if (isSet()) {
            ctx.setLogAggregationContext(LogAggregationContext.newInstance(include.orElse(null), exclude.orElse(null),
                    rolledInclude.orElse(null), rolledExclude.orElse(null)));
        }
    }
}
