/**
 * The YARN submission library: finds the Hadoop configuration, checks the cluster before it creates
 * anything, stages Spindle's jars and configuration, submits the ApplicationMaster, waits for the
 * JobManager leader, and attaches to or stops running clusters. {@link
 * io.spindle.yarn.client.YarnClusterDeployer} is the entry point; the command-line front ends
 * ({@code spindle run}, {@code yarn-session.sh}) live in the {@code cli} module.
 */
package io.spindle.yarn.client;
