/**
 * The peers benchmark's web applications (one embedded Tomcat, one context per way of keeping sessions): the same
 * sign-in, page and sign-out servlets everywhere, which use the {@code HttpSession} as applications do, and the plain
 * Spring configurations of Spring Session JDBC and Spring Session Data Redis (no Spring Boot).
 */
package io.staleguard.bench.peers;
