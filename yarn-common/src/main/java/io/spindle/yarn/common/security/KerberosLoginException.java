package io.spindle.yarn.common.security;

import java.io.IOException;

/**
 * A Kerberos login failed for a reason outside the user's configuration: the KDC cannot be reached.
 * The message is one line naming the principal, the keytab and the realm. (What the user must fix,
 * such as a missing keytab or a principal not in it, is an
 * {@link io.spindle.configuration.IllegalConfigurationException} instead.)
 */
public class KerberosLoginException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its cause. */
    public KerberosLoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
