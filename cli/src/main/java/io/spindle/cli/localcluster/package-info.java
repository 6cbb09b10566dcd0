/**
 * {@code spindle local-cluster start|status|stop}: picocli commands that fork the local cluster's
 * JVMs (module {@code local-cluster}) with the distribution's {@code lib/local-cluster/} jars.
 */
package io.spindle.cli.localcluster;
