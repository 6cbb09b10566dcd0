/**
 * Shared integration-test clusters: real ZooKeeper (curator-test), HDFS (MiniDFSCluster) and YARN
 * (MiniYARNCluster) for the tests of one class, as the JUnit 5 extension
 * {@link io.spindle.testing.SpindleClusterExtension}, plus helpers to launch Java containers
 * ({@link io.spindle.testing.JavaContainerLaunch}), wait on applications
 * ({@link io.spindle.testing.YarnApps}), find and kill container processes
 * ({@link io.spindle.testing.ContainerProcesses}), read container logs
 * ({@link io.spindle.testing.ContainerLogs}) and write a {@code HADOOP_CONF_DIR}
 * ({@link io.spindle.testing.HadoopConfFiles}).
 */
package io.spindle.testing;
