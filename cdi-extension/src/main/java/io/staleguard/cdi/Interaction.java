package io.staleguard.cdi;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a step of an interaction whose failure because of a stale session must heal into a fresh start, even when the
 * caller (a JAX-RS runtime, Faces, your own servlet) would otherwise turn the exception into an error page first.
 * <p>
 * When the method (or any method of the annotated class) throws a {@link io.staleguard.SessionNotFoundException}, or
 * an exception named in {@code stale-exceptions}, anywhere in the cause chain, the interceptor recovers right there,
 * before anything is written:
 * <ul>
 * <li>a method whose declared return type is {@code jakarta.ws.rs.core.Response} returns the recovery as a
 * {@code Response}: {@code 303 See Other} to the restart target for a page load, {@code 401} with an RFC 9457 problem
 * document and a {@code Session-Restart} header for a script call, each with the cookie expiries;</li>
 * <li>any other method, called while {@link io.staleguard.StaleSessionFilter} runs the request on this thread and the
 * response is not committed yet, writes the recovery to the servlet response and returns {@code null} (a Faces request
 * is also marked complete, so nothing is rendered after it). Callers that use the return value must expect
 * {@code null}; a {@code void} method is the natural shape;</li>
 * <li>otherwise (a primitive return type, no request on this thread, a committed response) the exception is rethrown,
 * and {@code StaleSessionFilter} recovers with this annotation's {@link #restart()} target.</li>
 * </ul>
 * Either way the stale cookies are expired, the {@code HttpSession} is invalidated and exactly one
 * {@link io.staleguard.SessionEnded} is fired (also as a CDI event). A store hiccup
 * ({@link io.staleguard.store.StoreUnavailableException}, {@code transient-exceptions}) is never taken for a stale
 * session: it passes through untouched, even when a stale exception is further down its cause chain. Methods that
 * return normally pay nothing beyond the interceptor call itself.
 *
 * <pre>
 * &#64;RequestScoped
 * &#64;Path("/interaction/{uid}")
 * public class ConsentResource {
 *
 *     &#64;POST
 *     &#64;Path("/confirm")
 *     &#64;Interaction(restart = "/authorize")
 *     public Response confirm(&#64;PathParam("uid") String uid) {
 *         Grant grant = interactions.find(uid)
 *                 .orElseThrow(() -&gt; new SessionNotFoundException("interaction not found"));
 *         ...
 *     }
 * }
 * </pre>
 * The interceptor is registered and enabled by Staleguard's CDI extension: no {@code beans.xml} entry is needed, and it
 * works with {@code bean-discovery-mode="annotated"}. The annotated class must be a CDI bean, though: in an
 * {@code annotated} archive give it a bean-defining annotation such as {@code @RequestScoped} (WildFly makes JAX-RS
 * resource classes beans by itself). As for every interceptor, private and static methods are not intercepted.
 * <p>
 * It runs at {@link #PRIORITY}, inside platform interceptors such as {@code @Transactional} and EJB transactions. When
 * it turns the exception into a recovery, it marks the active transaction rollback-only, as the exception would have.
 *
 * @since 0.1
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RUNTIME)
@Target({ METHOD, TYPE })
public @interface Interaction {

    /**
     * The interceptor's priority: early in the library range, so that it sees what application interceptors and later
     * library interceptors (fault tolerance, for instance) throw.
     */
    int PRIORITY = jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE + 100;

    /**
     * Where a recovery restarts the flow: a path inside the application, such as {@code /authorize}, which the context
     * path is put in front of. It comes first among the restart targets, before the signed restart cookie and
     * {@code restart-url}. Blank (the default) leaves the choice to those.
     * <p>
     * Checked at deployment: a value that is not a same-origin path (a scheme, {@code //} or {@code /\} at the start, also
     * percent-encoded, {@code .} or {@code ..} segments, spaces or control characters) fails the deployment with a message
     * naming the class, the method and the value. A method's value replaces its class's.
     *
     * @return the restart target, or blank
     */
    @Nonbinding
    String restart() default "";
}
