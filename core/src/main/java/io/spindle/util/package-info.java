/** Small helpers for chores every module has: one-line error messages, deleting directory trees. */
package io.spindle.util;
