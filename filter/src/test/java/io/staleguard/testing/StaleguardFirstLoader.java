package io.staleguard.testing;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * A web application's class loader, as far as Staleguard is concerned: io.staleguard classes, and their
 * {@code META-INF/services} files, come from the given classes directory only (as from {@code WEB-INF/lib}); everything
 * else from the parent.
 */
public final class StaleguardFirstLoader extends URLClassLoader {

    public StaleguardFirstLoader(URL classes, ClassLoader parent) {
        super(new URL[] {classes}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("io.staleguard.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith("META-INF/services/io.staleguard") ? findResources(name) : super.getResources(name);
    }
}
