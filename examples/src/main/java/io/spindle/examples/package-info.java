/** Example jobs packaged as user jars. */
package io.spindle.examples;
