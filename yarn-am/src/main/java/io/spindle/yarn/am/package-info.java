/** The YARN ApplicationMaster that hosts the JobManager. */
package io.spindle.yarn.am;
