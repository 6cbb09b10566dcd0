/** The spindle command line. */
package io.spindle.cli;
