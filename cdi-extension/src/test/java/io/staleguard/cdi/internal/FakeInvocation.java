package io.staleguard.cdi.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.interceptor.InvocationContext;

/** An {@link InvocationContext} for calling the interceptor's logic without a container. */
final class FakeInvocation implements InvocationContext {

    private final Object target;
    private final Method method;
    private final Callable<Object> body;
    private final Map<String, Object> data = new HashMap<>();
    int proceeded;

    private FakeInvocation(Object target, Method method, Callable<Object> body) {
        this.target = target;
        this.method = method;
        this.body = body;
    }

    /** An invocation of {@code target.name(...)} whose body is {@code body} instead of the real method. */
    static FakeInvocation of(Object target, String name, Callable<Object> body) {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name)) {
                return new FakeInvocation(target, m, body);
            }
        }
        throw new IllegalArgumentException("no method " + name + " on " + target.getClass());
    }

    /** An invocation whose body throws {@code thrown}. */
    static FakeInvocation throwing(Object target, String name, Exception thrown) {
        return of(target, name, () -> {
            throw thrown;
        });
    }

    @Override
    public Object getTarget() {
        return target;
    }

    @Override
    public Object getTimer() {
        return null;
    }

    @Override
    public Method getMethod() {
        return method;
    }

    @Override
    public Constructor<?> getConstructor() {
        return null;
    }

    @Override
    public Object[] getParameters() {
        return new Object[method.getParameterCount()];
    }

    @Override
    public void setParameters(Object[] params) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Object> getContextData() {
        return data;
    }

    @Override
    public Object proceed() throws Exception {
        proceeded++;
        return body.call();
    }
}
