package io.spindle.configuration;

/** Whether and how JobManagers are made highly available ({@code high-availability.type}). */
public enum HighAvailabilityType {
    /** A single JobManager; its loss loses the running jobs' coordination state. */
    NONE,
    /** Leader election and recovery pointers in ZooKeeper, recovery data in the storage directory. */
    ZOOKEEPER
}
