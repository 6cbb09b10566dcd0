package io.spindle.yarn.common.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A keytab login while the KDC is down: a {@link KerberosLoginException} naming realm, principal and keytab. */
class KerberosLoginWithoutKdcTest {

    private static final String KRB5_CONF = "java.security.krb5.conf";

    @TempDir
    Path dir;

    @AfterEach
    void resetHadoopSecurity() {
        System.clearProperty(KRB5_CONF);
        UserGroupInformation.reset();
    }

    @Test
    void anUnreachableKdcIsOneLineNamingRealmPrincipalAndKeytab() throws Exception {
        MiniKdc kdc = new MiniKdc(MiniKdc.createConf(), Files.createDirectories(dir.resolve("kdc")).toFile());
        kdc.start();
        Path keytab = dir.resolve("alice.keytab");
        String principal;
        Path krb5Conf = dir.resolve("krb5.conf");
        try {
            kdc.createPrincipal(keytab.toFile(), "alice");
            principal = "alice@" + kdc.getRealm();
            Files.copy(kdc.getKrb5conf().toPath(), krb5Conf);
        } finally {
            kdc.stop();
        }
        // The realm's configuration stays (stop() forgets it); its KDC is gone.
        System.setProperty(KRB5_CONF, krb5Conf.toString());
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        hadoop.set("hadoop.security.authentication", "kerberos");
        Configuration conf = KerberizedHdfs.keytabLogin(keytab, principal);

        assertThatThrownBy(() -> KerberosLogin.of(conf).login(hadoop))
                .isInstanceOf(KerberosLoginException.class)
                .hasMessageStartingWith("Cannot reach the KDC of " + kdc.getRealm() + " to log in as " + principal
                        + " with the keytab " + keytab + " ('security.kerberos.login.keytab'): ")
                .hasMessageNotContaining("\n");
    }
}
