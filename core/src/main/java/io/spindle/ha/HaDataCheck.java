package io.spindle.ha;

import java.util.List;

/**
 * The outcome of checking a cluster's HA data ({@link HaServices#inspect}), as
 * {@code spindle ha inspect} prints it.
 *
 * @param tree     the backend's entries of the cluster, one line each, indented by depth
 * @param pointers how many pointers were checked against their files
 * @param problems each problem found (dangling or corrupt pointer, orphaned file), one line each
 */
public record HaDataCheck(List<String> tree, int pointers, List<String> problems) {

    /** Copies the lists. */
    public HaDataCheck {
        tree = List.copyOf(tree);
        problems = List.copyOf(problems);
    }

    /** @return whether no problem was found */
    public boolean isHealthy() {
        return problems.isEmpty();
    }
}
