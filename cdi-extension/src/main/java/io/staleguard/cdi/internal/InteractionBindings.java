package io.staleguard.cdi.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.staleguard.cdi.Interaction;
import io.staleguard.spi.ConfigError;
import io.staleguard.spi.Recovery;
import io.staleguard.spi.StaleguardLog;
import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.interceptor.InterceptorBinding;

/**
 * Where an {@link Interaction} applies and what its {@code restart} says: read from the CDI model at deployment (to
 * validate, C2) and from reflection when a method failed (to recover, C1). Both follow CDI's rules: a method's binding
 * replaces its class's, and a binding may come through a stereotype or another interceptor binding that carries it.
 */
final class InteractionBindings {

    static final String EXAMPLE = "@Interaction(restart = \"/authorize\")";

    private InteractionBindings() {
    }

    /**
     * @param targetClass the class of the intercepted instance (a container subclass of the bean class is fine)
     * @return the restart target that applies to {@code method}, or null when none is set
     */
    static String restartFor(Method method, Class<?> targetClass) {
        Interaction binding = find(Arrays.asList(method.getAnnotations()));
        for (Class<?> c = targetClass; binding == null && c != null && c != Object.class; c = c.getSuperclass()) {
            binding = find(Arrays.asList(c.getDeclaredAnnotations()));
        }
        return binding == null || binding.restart().isEmpty() ? null : binding.restart();
    }

    /** @return the {@link Interaction} among {@code annotations}, directly or carried by a stereotype or binding, or null */
    static Interaction find(Iterable<? extends Annotation> annotations) {
        return find(annotations, new HashSet<>());
    }

    private static Interaction find(Iterable<? extends Annotation> annotations, Set<Class<?>> seen) {
        for (Annotation a : annotations) {
            if (a instanceof Interaction interaction) {
                return interaction;
            }
        }
        for (Annotation a : annotations) {
            Class<? extends Annotation> type = a.annotationType();
            if ((type.isAnnotationPresent(Stereotype.class) || type.isAnnotationPresent(InterceptorBinding.class))
                    && seen.add(type)) {
                Interaction carried = find(Arrays.asList(type.getAnnotations()), seen);
                if (carried != null) {
                    return carried;
                }
            }
        }
        return null;
    }

    /**
     * C2: checks every {@code restart} on a type and its methods with the rule {@code restart-url} follows.
     *
     * @return one message per bad value, naming where it is written, the value, the rule and an example
     */
    static Set<String> problems(AnnotatedType<?> type) {
        Set<String> problems = new LinkedHashSet<>();
        Interaction onType = find(type.getAnnotations());
        if (onType != null) {
            check(onType.restart(), "class " + declaringClass(type.getJavaClass(), onType).getName(), problems);
        }
        for (AnnotatedMethod<?> method : type.getMethods()) {
            Interaction onMethod = find(method.getAnnotations());
            if (onMethod != null) {
                check(onMethod.restart(), "method " + describe(method.getJavaMember()), problems);
            }
        }
        return problems;
    }

    /** @return the message for a bad value, or null when {@code restart} is fine */
    static String problem(String restart, String where) {
        if (restart.isEmpty()) {
            return null;
        }
        String rule = Recovery.problemWithRestartTarget(restart);
        if (rule == null) {
            return null;
        }
        return ConfigError.INVALID_RESTART_TARGET.message("Staleguard: @Interaction(restart = \""
                + StaleguardLog.printable(restart, 200) + "\") on " + where + " is not a valid restart target: " + rule
                + ". For example: " + EXAMPLE);
    }

    private static void check(String restart, String where, Set<String> problems) {
        String problem = problem(restart, where);
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** With {@code @Inherited}, a class-level binding may be written on a superclass: name the class to fix. */
    private static Class<?> declaringClass(Class<?> type, Interaction binding) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (binding.equals(find(Arrays.asList(c.getDeclaredAnnotations())))) {
                return c;
            }
        }
        return type;
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
