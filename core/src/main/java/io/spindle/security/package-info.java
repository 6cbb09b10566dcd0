/**
 * The cluster's shared secret: the value type ({@link io.spindle.security.ClusterSecret}, which
 * derives every credential sent on the wire), reading it from a standalone secret file
 * ({@link io.spindle.security.ClusterSecretFile}) and carrying it in Hadoop credentials on YARN
 * ({@link io.spindle.security.ClusterSecretCredentials}). See docs/security.md.
 */
package io.spindle.security;
