package io.staleguard.testing;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.mock.web.MockServletContext;

import jakarta.servlet.FilterRegistration;

/** A servlet context that lists filter registrations, as a container does for the ones in web.xml and fragments. */
public final class RegisteringContext extends MockServletContext {

    private final Map<String, FilterRegistration> filters = new LinkedHashMap<>();

    /** Adds a registration of {@code className} named {@code name} with these init-params. */
    public RegisteringContext register(String name, String className, Map<String, String> initParams) {
        filters.put(name, (FilterRegistration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { FilterRegistration.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getClassName" -> className;
                    case "getInitParameters" -> initParams;
                    case "getInitParameter" -> initParams.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
        return this;
    }

    /** Removes the registration named {@code name}, as an application's own registration replaces one. */
    public RegisteringContext unregister(String name) {
        filters.remove(name);
        return this;
    }

    @Override
    public Map<String, ? extends FilterRegistration> getFilterRegistrations() {
        return filters;
    }
}
