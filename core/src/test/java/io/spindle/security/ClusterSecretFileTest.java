package io.spindle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.SecurityOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretFileTest {

    @TempDir
    Path tmp;

    private Path file(String name, String content, String permissions) throws Exception {
        Path file = Files.writeString(tmp.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void readsAnOwnerOnlyFileIgnoringSurroundingWhiteSpace() throws Exception {
        ClusterSecret a = ClusterSecretFile.read(file("a", "  0123456789abcdef\n", "rw-------"));
        ClusterSecret b = ClusterSecretFile.read(file("b", "0123456789abcdef", "r--------"));
        assertThat(a).isEqualTo(b);
        assertThat(a.restToken()).isEqualTo(b.restToken()).doesNotContain("0123456789abcdef");
        assertThat(a.toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void refusesWithOneLineNamingTheFileAndTheKey() throws Exception {
        Path missing = tmp.resolve("missing");
        assertThatThrownBy(() -> ClusterSecretFile.read(missing)).isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("The cluster secret file " + missing + " ('security.cluster.secret-file') does not exist");
        Path empty = file("empty", " \n", "rw-------");
        assertThatThrownBy(() -> ClusterSecretFile.read(empty))
                .hasMessage("The cluster secret file " + empty + " ('security.cluster.secret-file') is empty");
        Path shortOne = file("short", "tooshort", "rw-------");
        assertThatThrownBy(() -> ClusterSecretFile.read(shortOne)).hasMessageContaining("holds 8 bytes; a secret needs at least 16");
        Path open = file("open", "0123456789abcdef", "rw-r-----");
        assertThatThrownBy(() -> ClusterSecretFile.read(open)).hasMessage("The cluster secret file " + open
                + " ('security.cluster.secret-file') is accessible by others (rw-r-----); it must be readable by its"
                + " owner only: chmod 600 " + open);
        assertThatThrownBy(() -> ClusterSecretFile.read(tmp)).hasMessageContaining("is not a regular file");
    }

    @Test
    void theConfDirsClusterSecretIsTheDefaultUnlessAFileIsConfigured() throws Exception {
        Configuration none = Configuration.empty();
        assertThat(ClusterSecretFile.withDefaultFile(none, tmp).getOptional(SecurityOptions.CLUSTER_SECRET_FILE)).isEmpty();

        assertThat(ClusterSecretFile.createIfAbsent(tmp.resolve(ClusterSecretFile.DEFAULT_FILE_NAME))).isTrue();
        assertThat(ClusterSecretFile.createIfAbsent(tmp.resolve(ClusterSecretFile.DEFAULT_FILE_NAME))).isFalse();
        assertThat(Files.getPosixFilePermissions(tmp.resolve("cluster-secret")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Configuration withDefault = ClusterSecretFile.withDefaultFile(none, tmp);
        assertThat(withDefault.get(SecurityOptions.CLUSTER_SECRET_FILE)).isEqualTo(tmp.resolve("cluster-secret").toString());
        assertThat(ClusterSecretFile.fromConfiguration(withDefault)).isPresent();

        Configuration configured = none.with(SecurityOptions.CLUSTER_SECRET_FILE, "/elsewhere");
        assertThat(ClusterSecretFile.withDefaultFile(configured, tmp).get(SecurityOptions.CLUSTER_SECRET_FILE))
                .isEqualTo("/elsewhere");
    }

    @Test
    void theSecretTravelsInHadoopCredentialsAsASecretKey() throws Exception {
        ClusterSecret secret = ClusterSecret.generate();
        org.apache.hadoop.security.Credentials credentials = new org.apache.hadoop.security.Credentials();
        ClusterSecretCredentials.addTo(credentials, secret);
        assertThat(credentials.getSecretKey(new org.apache.hadoop.io.Text("spindle.cluster.secret"))).isEqualTo(secret.bytes());

        java.nio.ByteBuffer tokens = ClusterSecretCredentials.tokens(secret);
        org.apache.hadoop.security.Credentials read = new org.apache.hadoop.security.Credentials();
        byte[] bytes = new byte[tokens.remaining()];
        tokens.get(bytes);
        read.readTokenStorageStream(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes)));
        assertThat(ClusterSecretCredentials.from(read)).contains(secret);
        assertThat(read.numberOfTokens()).isZero();
    }
}
