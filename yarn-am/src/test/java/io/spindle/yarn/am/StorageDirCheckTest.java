package io.spindle.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.spindle.configuration.Configuration;
import io.spindle.testing.SpindleClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivilegedExceptionAction;
import java.util.Map;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class StorageDirCheckTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withHdfs().build();

    private static Configuration conf(String storageDir) {
        return Configuration.fromMap(Map.of("high-availability.storageDir", storageDir,
                "high-availability.cluster-id", "application_1_0001"));
    }

    @Test
    void aUsableStorageDirGetsThePrivateClusterFolder(@TempDir Path dir) throws Exception {
        StorageDirCheck.check(conf(dir.toUri() + "ha"), new org.apache.hadoop.conf.Configuration());

        Path clusterDir = dir.resolve("ha/application_1_0001");
        assertThat(clusterDir).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(clusterDir))).isEqualTo("rwx------");
    }

    @Test
    void anUnknownHostIsAnEnvironmentErrorNamingKeyValueAndHost() {
        assertThatThrownBy(() -> StorageDirCheck.check(conf("hdfs://nowhere.invalid:1/x"), CLUSTER.hadoopConf()))
                .isInstanceOfSatisfying(StartupCheckException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StartupCheckException.Kind.ENVIRONMENT);
                    assertThat(e.getMessage()).isEqualTo("'high-availability.storageDir' (hdfs://nowhere.invalid:1/x)"
                            + " is unusable: unknown host nowhere.invalid");
                });
    }

    @Test
    void aSchemeNoFileSystemServesIsAConfigurationError() {
        assertThatThrownBy(() -> StorageDirCheck.check(conf("nosuchfs://somewhere/x"), CLUSTER.hadoopConf()))
                .isInstanceOfSatisfying(StartupCheckException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StartupCheckException.Kind.CONFIGURATION);
                    assertThat(e.getMessage()).startsWith("'high-availability.storageDir' (nosuchfs://somewhere/x)"
                            + " is unusable: no file system for its scheme").contains("nosuchfs").doesNotContain("\n");
                });
    }

    @Test
    void permissionDeniedIsAnEnvironmentErrorNamingTheUser() throws Exception {
        org.apache.hadoop.fs.Path locked = new org.apache.hadoop.fs.Path("/locked");
        CLUSTER.fileSystem().mkdirs(locked, new FsPermission((short) 0700));
        CLUSTER.fileSystem().setPermission(locked, new FsPermission((short) 0700));
        String storageDir = CLUSTER.hdfsUri() + "/locked/ha";
        UserGroupInformation alice = UserGroupInformation.createUserForTesting("alice", new String[] {"users"});

        Throwable refused = alice.doAs((PrivilegedExceptionAction<Throwable>) () ->
                catchThrowable(() -> StorageDirCheck.check(conf(storageDir), CLUSTER.hadoopConf())));

        assertThat(refused).isInstanceOfSatisfying(StartupCheckException.class, e -> {
            assertThat(e.kind()).isEqualTo(StartupCheckException.Kind.ENVIRONMENT);
            assertThat(e.getMessage()).startsWith("'high-availability.storageDir' (" + storageDir
                    + ") is unusable: permission denied for user alice").doesNotContain("\n");
        });
    }
}
