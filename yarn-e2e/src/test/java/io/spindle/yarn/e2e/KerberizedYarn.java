package io.spindle.yarn.e2e;

import io.spindle.minicluster.HadoopSiteFiles;
import io.spindle.minicluster.MiniYarn;
import io.spindle.testing.ContainerLogs;
import io.spindle.yarn.common.security.KerberizedHdfs;
import io.spindle.yarn.common.security.KerberizedZooKeeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * A Kerberized Hadoop cluster for YARN tests: MiniKdc and a Kerberized HDFS ({@link KerberizedHdfs}),
 * a Kerberized MiniYARNCluster with one NodeManager whose ResourceManager has proxy-user privileges
 * ({@code yarn.resourcemanager.proxy-user-privileges.enabled}), its site files for the containers, and a
 * ZooKeeper that authenticates with Kerberos ({@link KerberizedZooKeeper}; the cluster's znodes are
 * {@code creator}-only). One per test class; not thread-safe.
 */
final class KerberizedYarn implements AutoCloseable {

    final KerberizedHdfs hadoop;
    final MiniYarn yarn;
    final KerberizedZooKeeper zooKeeper;
    final Path hadoopConfDir;

    private KerberizedYarn(KerberizedHdfs hadoop, MiniYarn yarn, KerberizedZooKeeper zooKeeper, Path hadoopConfDir) {
        this.hadoop = hadoop;
        this.yarn = yarn;
        this.zooKeeper = zooKeeper;
        this.hadoopConfDir = hadoopConfDir;
    }

    /** Starts it under {@code dir} with the NameNode's delegation-token renew interval and maximum lifetime. */
    static KerberizedYarn start(Path dir, Duration renewInterval, Duration maxLifetime) throws Exception {
        KerberizedHdfs hadoop = KerberizedHdfs.start(dir.resolve("hdfs"), renewInterval, maxLifetime);
        MiniYarn yarn = null;
        try {
            org.apache.hadoop.conf.Configuration yarnConf = hadoop.yarnConfiguration();
            // The ResourceManager obtains new HDFS tokens for an application whose launch-context
            // tokens near their maximum lifetime (as the user's proxy), and gives them to the
            // NodeManagers for localization: a new AM attempt after that lifetime can start.
            yarnConf.setBoolean("yarn.resourcemanager.proxy-user-privileges.enabled", true);
            yarn = MiniYarn.start(yarnConf, dir, "kerberized-yarn", 1);
            Path confDir = HadoopSiteFiles.write(yarn.configuration(),
                    Files.createDirectories(dir.resolve("hadoop-conf")), "kerberized-test");
            return new KerberizedYarn(hadoop, yarn, KerberizedZooKeeper.start(hadoop.kdc(), dir.resolve("zk"), Map.of()),
                    confDir);
        } catch (Exception | Error e) {
            if (yarn != null) {
                yarn.close();
            }
            hadoop.close();
            throw e;
        }
    }

    /** A session's configuration: HA on this ZooKeeper and HDFS, the containers' classpath, the user's keytab. */
    Map<String, String> values(Path clientDir) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("high-availability.type", "zookeeper");
        values.put("high-availability.zookeeper.quorum", zooKeeper.connectString());
        values.put("high-availability.storageDir", hadoop.hdfsUri() + "/user/" + KerberizedHdfs.USER + "/spindle/ha");
        values.putAll(YarnE2eCluster.containerValues(hadoopConfDir));
        values.put("taskmanager.numberOfTaskSlots", "2");
        values.put("security.kerberos.login.keytab", hadoop.userKeytab().toString());
        values.put("security.kerberos.login.principal", hadoop.userPrincipal());
        values.put("yarn.properties-file.location", clientDir.toString());
        values.put("security.kerberos.login.contexts", "Client");
        values.put("high-availability.zookeeper.client.acl", "creator");
        return values;
    }

    /** The container logs of {@code app}, concatenated. */
    String containerLogs(ApplicationId app) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path file : ContainerLogs.files(yarn.cluster(), app)) {
            all.append(ContainerLogs.tail(file, 1 << 20));
        }
        return all.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            zooKeeper.close();
            yarn.close();
        } finally {
            hadoop.close();
        }
    }
}
