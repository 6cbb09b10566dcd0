/**
 * The standalone cluster's files and helpers for the {@code bin/} scripts: parsers with file-and-line
 * errors for {@code conf/masters}, {@code conf/workers} and {@code conf/zoo.cfg}
 * ({@link io.spindle.standalone.MastersFile}, {@link io.spindle.standalone.WorkersFile},
 * {@link io.spindle.standalone.ZooKeeperQuorumConfig}), the command the scripts call to validate
 * them and list hosts ({@link io.spindle.standalone.ClusterConfigTool}), and the bundled ZooKeeper
 * server ({@link io.spindle.standalone.ZooKeeperQuorumPeerMain}).
 */
package io.spindle.standalone;
