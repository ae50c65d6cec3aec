package io.staleguard.cdi.internal;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import io.staleguard.cdi.Interaction;
import jakarta.enterprise.inject.Stereotype;
import jakarta.interceptor.InterceptorBinding;
import jakarta.ws.rs.core.Response;

/** Classes shaped like application code, for the interceptor's logic and the deployment checks. */
final class Samples {

    private Samples() {
    }

    public static class ConsentService {

        @Interaction(restart = "/authorize")
        public void confirm(String uid) {
        }

        @Interaction(restart = "/authorize")
        public String render() {
            return "page";
        }

        @Interaction(restart = "/authorize")
        public int count() {
            return 1;
        }

        @Interaction(restart = "/authorize")
        public Response confirmApi() {
            return Response.ok().build();
        }

        @Interaction
        public void noTarget() {
        }

        @Interaction(restart = "/outer")
        public void outer() {
        }
    }

    @Interaction(restart = "/start")
    public static class ClassLevel {

        public void step() {
        }

        @Interaction(restart = "/method")
        public void own() {
        }
    }

    public static class InheritsClassLevel extends ClassLevel {
    }

    @Stereotype
    @Interaction(restart = "/stereotype")
    @Retention(RUNTIME)
    @Target(TYPE)
    public @interface ConsentStep {
    }

    @ConsentStep
    public static class ViaStereotype {

        public void step() {
        }
    }

    @InterceptorBinding
    @Interaction(restart = "/carried")
    @Retention(RUNTIME)
    @Target({ TYPE, METHOD })
    public @interface Checked {
    }

    public static class ViaBinding {

        @Checked
        public void step() {
        }
    }

    public static class BadMethod {

        @Interaction(restart = "//evil.example")
        public void confirm(String uid, int attempt) {
        }

        @Interaction(restart = "/fine")
        public void fine() {
        }
    }

    @Interaction(restart = "https://evil.example/login")
    public static class BadClass {

        public void step() {
        }
    }

    public static class InheritsBadClass extends BadClass {
    }
}
