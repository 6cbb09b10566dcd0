package io.spindle.bench.chaos;

/**
 * One row of the chaos table.
 *
 * @param fault the fault's name
 * @param atMs when it was injected, from the start of the schedule
 * @param target what it hit
 * @param outcome what the cluster did, as read from its REST API
 * @param recoveryMs injection to every running counting job completing a checkpoint again; -1 if
 *     that did not happen within the bound, or the fault was skipped
 */
record FaultRecord(String fault, long atMs, String target, String outcome, long recoveryMs) {

    /** The row, fixed-width but for the last column. */
    String format() {
        return String.format("%8.1f s  %-20s %-12s %-44s %s", atMs / 1000.0, fault,
                recoveryMs < 0 ? "-" : String.format("%.1f s", recoveryMs / 1000.0), target, outcome);
    }

    /** The table's header line. */
    static String header() {
        return String.format("%8s    %-20s %-12s %-44s %s", "at", "fault", "checkpoints", "target", "what the cluster did");
    }
}
