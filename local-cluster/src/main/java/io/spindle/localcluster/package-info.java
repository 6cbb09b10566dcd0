/**
 * {@code spindle local-cluster}: ZooKeeper, HDFS and YARN in one background JVM, with the client
 * configuration files to use them, for first runs and demos. Entry point: {@link
 * io.spindle.localcluster.LocalClusterMain}.
 */
package io.spindle.localcluster;
