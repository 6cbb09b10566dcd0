/**
 * {@code spindle bench chaos} and {@code spindle bench soak}: faults injected into a running YARN
 * session on a schedule, with exactly-once checks of the jobs' output, and resource figures of a
 * long session.
 */
package io.spindle.bench.chaos;
