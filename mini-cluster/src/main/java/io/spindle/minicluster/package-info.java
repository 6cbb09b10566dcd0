/**
 * ZooKeeper, HDFS and YARN in one JVM, as {@code spindle local-cluster} and the integration tests
 * (test-support) run them: one standalone ZooKeeper server ({@link io.spindle.minicluster.EmbeddedZooKeeper})
 * or an ensemble ({@link io.spindle.minicluster.ZooKeeperEnsemble}), one Hadoop configuration
 * known to work ({@link io.spindle.minicluster.MiniClusterConfig}), HDFS
 * ({@link io.spindle.minicluster.MiniHdfs}) and YARN ({@link io.spindle.minicluster.MiniYarn}) with
 * a fast teardown, and helpers for the NodeManagers' folders, container PIDs and a
 * {@code HADOOP_CONF_DIR}. No reflection into the private state of ZooKeeper, Curator or Hadoop.
 */
package io.spindle.minicluster;
