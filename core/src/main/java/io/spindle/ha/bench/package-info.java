/**
 * {@code spindle ha bench}: measurements of Spindle's HA services (leader takeover, pointer store,
 * checkpoint id counter) on a real ZooKeeper and storageDir. {@link io.spindle.ha.bench.HaBench}
 * runs them and prints one {@link io.spindle.ha.bench.Figure} per line;
 * {@link io.spindle.ha.bench.ElectionParticipantMain} is the separate leader JVM that the takeover
 * figures kill.
 */
package io.spindle.ha.bench;
