/**
 * Authentication of the cluster's control paths: which credential a process has
 * ({@link io.spindle.runtime.security.ClusterAuthentication}), the gRPC interceptors on both ends
 * ({@link io.spindle.runtime.security.RpcAuthenticationInterceptor},
 * {@link io.spindle.runtime.security.RpcCredentialsInterceptor}) and the REST check
 * ({@link io.spindle.runtime.security.RestAuthenticationHandler}). See docs/security.md.
 */
package io.spindle.runtime.security;
