package io.spindle.ha.inspect;

import java.util.List;

/**
 * What {@link HaInspector} saw of one cluster: the ZooKeeper tree as printable lines, and the
 * problems found. Immutable.
 *
 * @param clusterId the cluster
 * @param tree      one line per znode, indented by depth, with a summary of its data
 * @param pointers  how many pointers were checked
 * @param findings  the problems; empty when everything is consistent
 */
public record InspectionReport(String clusterId, List<String> tree, int pointers, List<Finding> findings) {

    /** Copies the lists. */
    public InspectionReport {
        tree = List.copyOf(tree);
        findings = List.copyOf(findings);
    }

    /** @return true if no problem was found */
    public boolean isHealthy() {
        return findings.isEmpty();
    }
}
