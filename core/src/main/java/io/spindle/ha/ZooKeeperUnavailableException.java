package io.spindle.ha;

import java.io.IOException;

/**
 * No ZooKeeper server of the configured quorum answered in time. The message names the quorum
 * and the configuration keys involved, so that an operator can act on it.
 */
public class ZooKeeperUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which quorum could not be reached, within what time
     */
    public ZooKeeperUnavailableException(String message) {
        super(message);
    }
}
