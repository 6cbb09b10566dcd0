/**
 * {@code spindle ha bench}: measurements of Spindle's HA services (leader takeover, pointer store,
 * checkpoint id counter) on a real ZooKeeper and storageDir. {@link io.spindle.bench.ha.HaBench}
 * runs them and prints one {@link io.spindle.bench.ha.Figure} per line;
 * {@link io.spindle.bench.ha.ElectionParticipantMain} is the separate leader JVM that the takeover
 * figures kill.
 */
package io.spindle.bench.ha;
