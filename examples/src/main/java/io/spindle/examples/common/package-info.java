/** Small helpers shared by the example jobs: argument parsing and versioned state encoding. */
package io.spindle.examples.common;
