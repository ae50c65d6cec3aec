/**
 * Operations: log lines with ids, warning throttles, counters and the MBean, {@code SessionEnded} listeners, and
 * the context attributes an application's runtime is published under. Not API.
 */
package io.staleguard.internal.ops;
