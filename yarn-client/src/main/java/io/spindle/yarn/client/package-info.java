/**
 * The YARN submission client: finds the Hadoop configuration, checks the cluster before it creates
 * anything, stages Spindle's jars and configuration, submits the ApplicationMaster, waits for the
 * JobManager leader, and attaches to or stops running clusters. {@link
 * io.spindle.yarn.client.YarnClusterDeployer} is the entry point; {@link
 * io.spindle.yarn.client.YarnSessionCli} is the front end of {@code bin/yarn-session.sh}.
 */
package io.spindle.yarn.client;
