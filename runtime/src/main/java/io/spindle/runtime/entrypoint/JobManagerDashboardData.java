package io.spindle.runtime.entrypoint;

import io.spindle.ha.HaServices;
import io.spindle.ha.HaDataCheck;
import io.spindle.runtime.history.FailoverHistoryRecorder;
import io.spindle.runtime.history.LeaderSessionRecord;
import io.spindle.runtime.jobmanager.ResourceDriver;
import io.spindle.runtime.rest.DashboardData;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's reads of one JobManager process: its HA services (connection, storage, HA data),
 * its failover history and its resource driver (log pages). The HA data check reads every pointer
 * and file, so its report is kept for {@link #HA_DATA_MAX_AGE}. Thread-safe.
 */
final class JobManagerDashboardData implements DashboardData {

    /** How long a report of the HA data is shown before it is checked again. */
    static final Duration HA_DATA_MAX_AGE = Duration.ofSeconds(15);

    private final HaServices ha;
    private final FailoverHistoryRecorder history;
    private final ResourceDriver driver;
    private HaDataCheck report;
    private long reportedAtNanos;

    JobManagerDashboardData(HaServices ha, FailoverHistoryRecorder history, ResourceDriver driver) {
        this.ha = ha;
        this.history = history;
        this.driver = driver;
    }

    @Override
    public HaStatus haStatus() {
        return new HaStatus(ha.connectionState().name(), ha.storage().clusterDir().toString());
    }

    @Override
    public List<LeaderSessionRecord> leaderSessions() throws IOException {
        return history.sessions();
    }

    @Override
    public synchronized HaDataCheck haData() throws Exception {
        if (report == null || System.nanoTime() - reportedAtNanos > HA_DATA_MAX_AGE.toNanos()) {
            report = ha.inspect();
            reportedAtNanos = System.nanoTime();
        }
        return report;
    }

    @Override
    public Optional<String> logUrl(String resourceId) {
        return driver.logUrl(resourceId);
    }
}
