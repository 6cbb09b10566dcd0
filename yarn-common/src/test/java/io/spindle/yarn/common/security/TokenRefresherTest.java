package io.spindle.yarn.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Token renewal with short lifetimes (renew interval 4 s, maximum lifetime 8 s on the NameNode): a
 * user without Kerberos credentials that gets each refresh's tokens (as a TaskExecutor does) keeps
 * writing to HDFS across three maximum lifetimes, while the first tokens alone stop working.
 */
class TokenRefresherTest {

    private static final Duration RENEW_INTERVAL = Duration.ofSeconds(4);
    private static final Duration MAX_LIFETIME = Duration.ofSeconds(8);

    @RegisterExtension
    static final KerberizedHdfsExtension KERBEROS = new KerberizedHdfsExtension(RENEW_INTERVAL, MAX_LIFETIME);

    @Test
    void aTokenUserKeepsWritingAcrossThreeMaximumLifetimes(KerberizedHdfs cluster) throws Exception {
        org.apache.hadoop.conf.Configuration conf = cluster.clientConf();
        KerberosLogin login = KerberosLogin.of(cluster.userLogin());
        UserGroupInformation alice = login.login(conf);
        Credentials first = KerberosLogin.doAs(alice, () -> DelegationTokens.obtainFileSystemTokens(conf,
                DelegationTokens.resourceManagerRenewer(conf), List.of()));
        UserGroupInformation taskExecutor = UserGroupInformation.createRemoteUser(KerberizedHdfs.USER);
        taskExecutor.addCredentials(first);
        AtomicInteger refreshes = new AtomicInteger();
        Instant end = DelegationTokens.earliestMaxDate(first).orElseThrow().plus(MAX_LIFETIME.multipliedBy(2));

        try (TokenRefresher refresher = TokenRefresher.start(login, conf, List.of(), first, fresh -> {
            taskExecutor.addCredentials(fresh);
            refreshes.incrementAndGet();
        }, Clock.systemUTC())) {
            assertThat(refresher.renewInterval()).isBetween(RENEW_INTERVAL, RENEW_INTERVAL.plusSeconds(2));
            AtomicInteger writes = new AtomicInteger();
            Awaitility.await().atMost(MAX_LIFETIME.multipliedBy(4)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        append(taskExecutor, conf, "line " + writes.incrementAndGet() + "\n");
                        return Instant.now().isAfter(end);
                    });
        }

        assertThat(refreshes.get()).isGreaterThanOrEqualTo(5);
        UserGroupInformation stale = UserGroupInformation.createRemoteUser(KerberizedHdfs.USER);
        stale.addCredentials(first);
        assertThatThrownBy(() -> append(stale, conf, "too late\n")).hasStackTraceContaining("token");
    }

    private static void append(UserGroupInformation user, org.apache.hadoop.conf.Configuration conf, String line)
            throws Exception {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/user/" + KerberizedHdfs.USER + "/lines-"
                + System.nanoTime());
        KerberizedHdfs.writeAs(user, conf, file, line);
    }
}
