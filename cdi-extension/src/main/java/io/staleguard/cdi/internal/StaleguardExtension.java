package io.staleguard.cdi.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import io.staleguard.cdi.Interaction;
import io.staleguard.spi.StaleguardLog;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessSyntheticAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;

/**
 * Staleguard's portable extension (C2), listed in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 * <ul>
 * <li>Adds {@link InteractionInterceptor} itself: its {@code @Priority} enables it for the whole application, so it
 * needs no {@code beans.xml} entry and works whatever the archives' discovery mode. A copy found by discovery (the jar
 * repackaged into a bean archive) is vetoed, so the interceptor never runs twice.</li>
 * <li>Checks every {@code @Interaction(restart = …)} the container sees and reports each bad value as a definition
 * error, which fails the deployment with a message naming the class or method and the value.</li>
 * <li>With MicroProfile Health, adds the readiness check {@link StoreReadiness}.</li>
 * </ul>
 * {@code SessionEnded} events ({@link CdiSessionEvents}), {@code SessionStore} beans ({@link CdiStoreLocator}) and
 * MicroProfile Config ({@link MicroProfileConfigSource}) reach the filters through their ServiceLoader hooks.
 */
public class StaleguardExtension implements Extension {

    private final Set<String> problems = new LinkedHashSet<>();

    void registerInterceptor(@Observes BeforeBeanDiscovery discovery, BeanManager beanManager) {
        discovery.addAnnotatedType(beanManager.createAnnotatedType(InteractionInterceptor.class),
                InteractionInterceptor.class.getName());
        if (Frameworks.MP_HEALTH) {
            HealthSupport.register(discovery);
        }
    }

    void vetoDiscoveredInterceptor(@Observes ProcessAnnotatedType<InteractionInterceptor> event) {
        if (!(event instanceof ProcessSyntheticAnnotatedType)) {
            event.veto();
        }
    }

    void checkRestartTargets(@Observes @WithAnnotations(Interaction.class) ProcessAnnotatedType<?> event) {
        problems.addAll(InteractionBindings.problems(event.getAnnotatedType()));
    }

    void reportProblems(@Observes AfterBeanDiscovery event) {
        for (String problem : problems) {
            event.addDefinitionError(new DefinitionException(problem));
        }
        problems.clear();
    }

    void started(@Observes AfterDeploymentValidation event) {
        StaleguardLog.info(CdiLog.STARTED, "Staleguard CDI integration active: @Interaction interceptor at priority %d, "
                + "SessionEnded as CDI events, SessionStore beans, staleguard.* MicroProfile Config properties (%s)",
                Interaction.PRIORITY, Frameworks.describe());
        if (Frameworks.MP_CONFIG) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            MpConfig.warnAboutUnknownKeys(loader != null ? loader : StaleguardExtension.class.getClassLoader());
        }
    }
}
