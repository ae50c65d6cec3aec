package io.staleguard.javax.check;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.objectweb.asm.Type;

/**
 * Links class files against a set of jars and the running JDK, as the JVM would: every class a constant pool names
 * must load, and every field and method it refers to must exist in that class or a supertype, with the same
 * descriptor. What the JVM would find missing only when the code path runs (a {@code NoSuchMethodError} on a
 * Servlet 4.0 container for a Servlet 6.0 method), this finds for every path at build time.
 */
public final class Linkage implements AutoCloseable {

    private final URLClassLoader loader;

    /** Against the JDK (the platform class loader) and {@code jars}, nothing else. */
    public Linkage(Collection<Path> jars) {
        URL[] urls = jars.stream().map(Linkage::url).toArray(URL[]::new);
        this.loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    /** The jars a system property lists, separated by commas (the pom's {@code ${groupId:artifactId:jar}} values). */
    public static List<Path> jarsFromProperty(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests through Maven");
        }
        List<Path> jars = new ArrayList<>();
        for (String jar : value.split(",")) {
            jars.add(Path.of(jar.trim()));
        }
        return jars;
    }

    /**
     * @param pools the class files to link, for example every class of a jar
     * @param external whether a class name (internal form) is resolved here; the others must be among {@code pools}
     *        or are not checked
     * @return one line per class or member that does not resolve, with the classes that refer to it; empty when all do
     */
    public Set<String> missing(Collection<ConstantPool> pools, java.util.function.Predicate<String> external) {
        Set<String> missing = new TreeSet<>();
        for (ConstantPool pool : pools) {
            for (String type : pool.classes()) {
                String name = elementType(type);
                if (name != null && external.test(name) && load(name) == null) {
                    missing.add("class " + name.replace('/', '.') + " (used by " + pool.className() + ")");
                }
            }
            for (ConstantPool.MemberRef ref : pool.members()) {
                String owner = elementType(ref.owner());
                if (owner == null || !external.test(owner) || ref.owner().startsWith("[")) {
                    continue;
                }
                Class<?> type = load(owner);
                if (type != null && !has(type, ref)) {
                    missing.add(ref + " (used by " + pool.className() + ")");
                }
            }
        }
        return missing;
    }

    /** The class an entry names: arrays by their element type; null for arrays of primitives. */
    private static String elementType(String internalName) {
        if (!internalName.startsWith("[")) {
            return internalName;
        }
        Type element = Type.getType(internalName).getElementType();
        return element.getSort() == Type.OBJECT ? element.getInternalName() : null;
    }

    private Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** JVMS 5.4.3.2 and 5.4.3.3, simplified: the member in the class, its superclasses or its superinterfaces. */
    private static boolean has(Class<?> owner, ConstantPool.MemberRef ref) {
        if (!ref.field() && isSignaturePolymorphic(owner, ref.name())) {
            return true;
        }
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(owner));
        Set<Class<?>> seen = new HashSet<>();
        if (owner.isInterface()) {
            todo.add(Object.class); // interface method refs resolve Object's public methods too
        }
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.add(c)) {
                continue;
            }
            if (declares(c, ref)) {
                return true;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }

    private static boolean declares(Class<?> c, ConstantPool.MemberRef ref) {
        if (ref.field()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(ref.name()) && Type.getDescriptor(f.getType()).equals(ref.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        if (ref.name().equals("<init>")) {
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Type.getConstructorDescriptor(k).equals(ref.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(ref.name()) && Type.getMethodDescriptor(m).equals(ref.descriptor())) {
                return true;
            }
        }
        return false;
    }

    /** {@code MethodHandle.invokeExact} and friends match any descriptor (JVMS 2.9.3). */
    private static boolean isSignaturePolymorphic(Class<?> owner, String name) {
        return (owner == java.lang.invoke.MethodHandle.class || owner == java.lang.invoke.VarHandle.class)
                && List.of(owner.getDeclaredMethods()).stream().anyMatch(m -> m.getName().equals(name)
                        && m.isVarArgs() && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == Object[].class);
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }

    @Override
    public void close() throws java.io.IOException {
        loader.close();
    }
}
