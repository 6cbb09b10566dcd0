/** Spindle core: configuration, HA services and the job runtime. */
package io.spindle;
