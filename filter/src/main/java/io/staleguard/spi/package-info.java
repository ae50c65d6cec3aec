/**
 * The narrow service-provider interface between the filter jar and Staleguard's integration modules (the CDI module):
 * where a session store comes from ({@link io.staleguard.spi.StoreLocator}) and a configuration source below
 * init-params and context-params ({@link io.staleguard.spi.ExternalConfig}). Implementations are found with
 * {@link java.util.ServiceLoader} through the web application's class loader. Applications need nothing here.
 *
 * @since 0.1
 */
package io.staleguard.spi;
