/**
 * Prometheus metrics of the JobManager and the TaskExecutor (Micrometer with its Prometheus
 * registry): one registry per process with JVM metrics ({@link ProcessMetrics}), and the Spindle
 * metrics, each group in a class of its own. Every metric is documented in docs/operations.md.
 */
package io.spindle.runtime.metrics;
