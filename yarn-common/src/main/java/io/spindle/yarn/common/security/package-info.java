/**
 * Kerberos on YARN, shared by the client and the ApplicationMaster: the keytab or ticket-cache
 * login ({@link io.spindle.yarn.common.security.KerberosLogin}) and the Hadoop delegation tokens
 * the containers carry instead of Kerberos credentials
 * ({@link io.spindle.yarn.common.security.DelegationTokens}).
 */
package io.spindle.yarn.common.security;
