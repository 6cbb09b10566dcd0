/**
 * The launch contract between Spindle's YARN client and its ApplicationMaster: the environment
 * variables of the AM container, the staging directory's layout, the container JVM's classpath and
 * heap, and the {@code job.properties} codec of per-job clusters. Both sides depend on this
 * package; neither depends on the other.
 */
package io.spindle.yarn.common;
