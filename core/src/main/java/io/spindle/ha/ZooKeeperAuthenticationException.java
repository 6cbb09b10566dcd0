package io.spindle.ha;

/**
 * A ZooKeeper server answered, but the SASL authentication to it failed (a wrong
 * {@code zookeeper.sasl.service-name}, a Kerberos login the KDC refused, a server that rejected
 * the client). Nothing was read or written. A {@link ZooKeeperUnavailableException}, since to
 * the process ZooKeeper is just as unusable; the message names the keys to check.
 */
public class ZooKeeperAuthenticationException extends ZooKeeperUnavailableException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which quorum, which service name and login context
     */
    public ZooKeeperAuthenticationException(String message) {
        super(message);
    }
}
