/**
 * The exactly-once counting job, whose output is the oracle of recovery tests, and
 * {@link io.spindle.examples.counting.CountingOutput}, which checks that output.
 */
package io.spindle.examples.counting;
