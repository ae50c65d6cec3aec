package io.staleguard.internal.undertow;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;

/**
 * Heals two kinds of requests that Undertow (WildFly, JBoss EAP) answers with 500 before any filter runs, so that no
 * filter, Staleguard's included, could ever see them:
 * <ul>
 * <li>a {@code Cookie} header with bytes outside printable ASCII, such as a UTF-8 value another application on the
 * same domain wrote raw ({@code UT000173: An invalid control character}): {@link UnreadableCookies} drops such
 * cookies, as Tomcat does;</li>
 * <li>a request whose session another request invalidates while Elytron restores the caller's identity from it
 * ({@code UT000010: Session is invalid}): {@link InvalidatedSessionRetry} runs the request's security handlers once
 * more, and the request then finds no session, which Staleguard heals like any other stale cookie.</li>
 * </ul>
 * Undertow finds this class through {@code META-INF/services/io.undertow.servlet.ServletExtension} in the filter jar;
 * no other container reads that file, so elsewhere nothing here is ever loaded. It uses only what Undertow 2.2 has as
 * well, so the javax build of the jar works on WildFly 26.
 */
public final class ContainerRefusals implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        // Initial: before anything reads the cookies. Outer: around the security handlers. Inner: right before the
        // filter chain, to tell the retry that the application has not run yet.
        deployment.addInitialHandlerChainWrapper(UnreadableCookies::new);
        deployment.addOuterHandlerChainWrapper(InvalidatedSessionRetry::new);
        deployment.addInnerHandlerChainWrapper(InvalidatedSessionRetry::applicationReached);
    }
}
