/**
 * Shared integration-test clusters: real ZooKeeper, HDFS (MiniDFSCluster) and YARN
 * (MiniYARNCluster) from the {@code mini-cluster} module for the tests of one class, as the JUnit 5
 * extension {@link io.spindle.testing.SpindleClusterExtension}, plus helpers to launch Java
 * containers ({@link io.spindle.testing.JavaContainerLaunch}), wait on applications
 * ({@link io.spindle.testing.YarnApps}), find and kill container processes
 * ({@link io.spindle.testing.ContainerProcesses}) and read container logs
 * ({@link io.spindle.testing.ContainerLogs}).
 */
package io.spindle.testing;
