/**
 * CDI integration of Staleguard: the {@link io.staleguard.cdi.Interaction @Interaction} interceptor binding.
 * <p>
 * With {@code staleguard-cdi.jar} next to {@code staleguard-filter.jar} in {@code WEB-INF/lib}, a CDI container also
 * gets, without any configuration:
 * <ul>
 * <li>{@link io.staleguard.SessionEnded} as a CDI event ({@code @Observes SessionEnded}, or {@code @ObservesAsync}),
 * exactly once per ended session, whichever part of Staleguard ended it;</li>
 * <li>every configuration key as a MicroProfile Config property {@code staleguard.<key>}, below the filter's
 * init-params and the {@code staleguard.<key>} context-params;</li>
 * <li>an application bean of type {@link io.staleguard.store.SessionStore} as the store the filters use.</li>
 * </ul>
 *
 * @since 0.1
 */
package io.staleguard.cdi;
