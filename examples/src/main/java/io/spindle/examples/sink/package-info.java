/**
 * An exactly-once, two-phase-commit file sink for Hadoop file systems, driven by a task's
 * checkpoint calls. See {@link io.spindle.examples.sink.TransactionalFileSink}.
 */
package io.spindle.examples.sink;
