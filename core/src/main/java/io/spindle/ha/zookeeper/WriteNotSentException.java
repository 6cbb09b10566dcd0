package io.spindle.ha.zookeeper;

import io.spindle.ha.LeadershipLostException;

/**
 * A fenced write refused before anything was sent to ZooKeeper, because the fence was broken
 * already: certainly not applied. Every other failure of a fenced write, a
 * {@link LeadershipLostException} included, may follow a lost answer (Curator retries a request
 * whose connection was lost, and the retry can be refused although the first attempt was applied),
 * so a writer that must know reads back what it wrote.
 */
final class WriteNotSentException extends LeadershipLostException {

    private static final long serialVersionUID = 1L;

    WriteNotSentException(String message) {
        super(message);
    }
}
