/** Small helpers for chores every module has: one-line error messages, deleting directory trees, bounded polling. */
package io.spindle.util;
