/** Shared integration-test clusters: ZooKeeper, HDFS, YARN. */
package io.spindle.testing;
