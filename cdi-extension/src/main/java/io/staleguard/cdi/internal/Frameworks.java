package io.staleguard.cdi.internal;

/**
 * The optional APIs this jar can use, decided once. Code that needs one lives in its own class ({@link JaxRsResponses},
 * {@link FacesSupport}, {@link MpConfig},
 * {@link Transactions}, {@link HealthSupport}) and is only called when the flag says the API is there, so that a server or
 * application without it never loads a class that refers to it.
 */
final class Frameworks {

    static final String JAX_RS_RESPONSE = "jakarta.ws.rs.core.Response";

    static final boolean JAX_RS = present(JAX_RS_RESPONSE);
    static final boolean FACES = present("jakarta.faces.context.FacesContext");
    static final boolean MP_CONFIG = present("org.eclipse.microprofile.config.ConfigProvider");
    static final boolean JTA = present("jakarta.transaction.TransactionSynchronizationRegistry");
    static final boolean MP_HEALTH = present("org.eclipse.microprofile.health.HealthCheck");

    private Frameworks() {
    }

    /** Looks the class up through this jar's own loader: the one that would resolve it for our code. */
    private static boolean present(String className) {
        try {
            Class.forName(className, false, Frameworks.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static String describe() {
        return "JAX-RS " + (JAX_RS ? "present" : "absent") + ", Faces " + (FACES ? "present" : "absent")
                + ", MicroProfile Config " + (MP_CONFIG ? "present" : "absent") + ", Jakarta Transactions "
                + (JTA ? "present" : "absent") + ", MicroProfile Health " + (MP_HEALTH ? "present" : "absent");
    }
}
