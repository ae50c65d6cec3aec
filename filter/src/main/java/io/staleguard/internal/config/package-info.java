/**
 * Configuration: reading the four sources in order (init-param, context-param, external sources such as
 * MicroProfile Config, default), the one table of keys ({@link io.staleguard.internal.config.ConfigKey}), the typed
 * choices and unknown-key reports. Not API.
 */
package io.staleguard.internal.config;
