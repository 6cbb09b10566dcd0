package io.spindle.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.ha.storage.ClusterStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failover history file: empty before the first session, appended in order, bounded. */
class FailoverHistoryTest {

    @TempDir
    Path dir;

    private static LeaderSessionRecord session(int n) {
        return new LeaderSessionRecord("attempt-" + n, "p-" + n, "s-" + n, Instant.ofEpochSecond(n), n / 10.0,
                List.of("job " + n), n == 1 ? "" : "ended");
    }

    @Test
    void keepsTheNewestSessionsInOrder() throws Exception {
        ClusterStorage storage = ClusterStorage.under(new org.apache.hadoop.fs.Path(dir.toUri()), "c1",
                new org.apache.hadoop.conf.Configuration());
        FailoverHistory history = new FailoverHistory(storage, 3);
        assertThat(history.read()).isEmpty();

        for (int n = 1; n <= 5; n++) {
            history.append(session(n));
        }

        assertThat(new FailoverHistory(storage, 3).read()).containsExactly(session(3), session(4), session(5));
        assertThat(storage.fs().listStatus(storage.clusterDir())).extracting(s -> s.getPath().getName())
                .filteredOn(name -> !name.startsWith(".")).containsExactly(FailoverHistory.FILE_NAME);
    }
}
