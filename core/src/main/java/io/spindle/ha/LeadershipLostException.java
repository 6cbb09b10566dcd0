package io.spindle.ha;

/**
 * Thrown when a write on behalf of a leader is refused because that leader has lost its
 * leadership: its latch node is gone (session expired, preempted, or deliberately closed).
 *
 * <p>Nothing of the refused write is visible: the check of the latch node and the write are one
 * ZooKeeper transaction. The leader that receives this exception must stop all job activity.
 */
public class LeadershipLostException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which leader session lost leadership and which write was refused
     */
    public LeadershipLostException(String message) {
        super(message);
    }
}
