package io.spindle.bench.chaos;

/**
 * One job a chaos run submitted, and how it ended.
 *
 * @param name its unique name
 * @param kind {@code counting} or {@code wordcount}
 * @param jobId the id the session gave it
 * @param output its output folder
 */
record ChaosJob(String name, String kind, String jobId, String output) {}
