package io.staleguard.cdi.internal;

import jakarta.faces.context.FacesContext;

/** Faces integration; only called when {@link Frameworks#FACES} holds. */
final class FacesSupport {

    private FacesSupport() {
    }

    /** After a recovery was written, Faces must not render the view on top of it. */
    static void responseComplete() {
        FacesContext faces = currentRequestsFacesContext();
        if (faces != null) {
            faces.responseComplete();
        }
    }

    /**
     * The FacesContext of the Faces request on this thread, or null. Outside one, Mojarra's
     * {@code getCurrentInstance()} goes on to look for an initialisation-time context through the thread's context
     * class loader and {@code FactoryFinder}, which fails (and logs) in applications that have the Faces API but do not
     * use Faces. Without a context class loader it answers from the current request alone.
     */
    private static FacesContext currentRequestsFacesContext() {
        Thread thread = Thread.currentThread();
        ClassLoader loader = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            return FacesContext.getCurrentInstance();
        } catch (RuntimeException | LinkageError notUsable) {
            return null;
        } finally {
            thread.setContextClassLoader(loader);
        }
    }
}
