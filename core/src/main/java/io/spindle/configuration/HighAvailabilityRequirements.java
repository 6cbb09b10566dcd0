package io.spindle.configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys high availability cannot do without: with {@code high-availability.type: zookeeper},
 * {@code high-availability.zookeeper.quorum} (well-formed, see {@link ZooKeeperQuorum}) and
 * {@code high-availability.storageDir} must be set. Checked by {@code spindle config} and by the
 * YARN client before it creates anything.
 *
 * <p>Stateless and thread-safe.
 */
public final class HighAvailabilityRequirements {

    private HighAvailabilityRequirements() {}

    /**
     * @return one exception per missing or malformed required key, each with a one-line message
     *     naming the key; empty when HA is off or everything is in place
     */
    public static List<IllegalConfigurationException> violations(Configuration config) {
        List<IllegalConfigurationException> violations = new ArrayList<>();
        if (config.get(HighAvailabilityOptions.TYPE) != HighAvailabilityType.ZOOKEEPER) {
            return violations;
        }
        for (ConfigOption<String> option : List.of(HighAvailabilityOptions.ZOOKEEPER_QUORUM,
                HighAvailabilityOptions.STORAGE_DIR)) {
            if (config.getOptional(option).filter(v -> !v.isBlank()).isEmpty()) {
                violations.add(new IllegalConfigurationException("High availability is on ("
                        + HighAvailabilityOptions.TYPE.key() + ": zookeeper) but '" + option.key()
                        + "' is not set: set it in config.yaml or with -D " + option.key() + "=<value>"));
            } else if (option == HighAvailabilityOptions.ZOOKEEPER_QUORUM) {
                try {
                    ZooKeeperQuorum.of(config);
                } catch (IllegalConfigurationException e) {
                    violations.add(e);
                }
            }
        }
        return violations;
    }

    /**
     * @throws IllegalConfigurationException the first of {@link #violations}, if any
     */
    public static void check(Configuration config) {
        List<IllegalConfigurationException> violations = violations(config);
        if (!violations.isEmpty()) {
            throw violations.get(0);
        }
    }
}
