package jakarta.faces.application;

/**
 * Test stand-in for Faces' exception of the same name: Staleguard matches stale exceptions by class name, so the
 * filter module's tests can prove the default without the Faces API on the classpath.
 */
public class ViewExpiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ViewExpiredException(String message) {
        super(message);
    }
}
