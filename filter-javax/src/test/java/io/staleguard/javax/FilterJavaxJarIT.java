package io.staleguard.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import io.staleguard.javax.check.ConstantPool;
import io.staleguard.javax.check.Jar;
import io.staleguard.javax.check.JavaxJars;
import io.staleguard.javax.check.Linkage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.ls.LSInput;

/**
 * staleguard-filter-javax.jar as published: staleguard-filter.jar's classes and resources, rewritten jakarta → javax,
 * that link against the Servlet 4.0 API ({@code javax.servlet-api} 4.0.1) and nothing else, with a Servlet 4.0
 * web-fragment.
 */
@DisplayName("staleguard-filter-javax.jar")
class FilterJavaxJarIT {

    private static final String FRAGMENT = "META-INF/web-fragment.xml";
    private static final String JAVAEE = "http://xmlns.jcp.org/xml/ns/javaee";

    private static Jar javax;
    private static Jar jakarta;
    private static List<Path> servlet4;

    @BeforeAll
    static void read() {
        javax = Jar.fromProperty("staleguard.javax.jar");
        jakarta = Jar.fromProperty("staleguard.jakarta.jar");
        servlet4 = Linkage.jarsFromProperty("staleguard.api.jars");
    }

    @Test
    @DisplayName("the jakarta jar's entries, services renamed, staleguard.js and the rest byte for byte")
    void sameEntries() {
        JavaxJars.assertSameEntries(jakarta, javax);
        assertTrue(javax.entries().containsKey("META-INF/resources/staleguard/staleguard.js"));
    }

    @Test
    @DisplayName("a sources jar beside it: the jakarta sources rewritten, javax.servlet and never jakarta.servlet")
    void sourcesJar() {
        JavaxJars.assertSources(jakarta, javax);
    }

    @Test
    @DisplayName("a javadoc jar beside it: the jakarta Javadoc's pages, index.html among them, naming no jakarta package")
    void javadocJar() {
        JavaxJars.assertJavadoc(jakarta, javax);
    }

    @Test
    @DisplayName("an automatic module named io.staleguard, without the jakarta jar's module-info.class")
    void automaticModule() {
        JavaxJars.assertAutomaticModule(jakarta, javax);
    }

    @Test
    @DisplayName("no class uses a jakarta name; the constants left in raw pools are orphans no JVM resolves")
    void noJakarta() {
        JavaxJars.assertNoJakartaInUse(javax);
    }

    @Test
    @DisplayName("every class, field and method the jar refers to outside io.staleguard (and the Undertow extension's "
            + "io.undertow) exists in Servlet 4.0.1 or the JDK")
    void linksAgainstServlet4() throws Exception {
        // io.undertow: the ServletExtension of io.staleguard.internal.undertow, which only Undertow loads (through
        // META-INF/services/io.undertow.servlet.ServletExtension), where those classes are the server's own; on
        // WildFly 26 it deploys with every wildfly26-tests application.
        JavaxJars.assertLinks(javax, servlet4,
                name -> !name.startsWith("io/staleguard/") && !name.startsWith("io/undertow/"));
    }

    @Test
    @DisplayName("the linkage check fails on a Servlet 6 method (Cookie.setAttribute) and on a jakarta class")
    void linkageCheckCatchesServlet6() throws Exception {
        ConstantPool foil = new ConstantPool("Foil", JavaxJars.JAVA_17, Set.of(), Set.of("jakarta/servlet/Filter"),
                Set.of(new ConstantPool.MemberRef("javax/servlet/http/Cookie", "setAttribute",
                        "(Ljava/lang/String;Ljava/lang/String;)V", false),
                        new ConstantPool.MemberRef("javax/servlet/http/Cookie", "setHttpOnly", "(Z)V", false)));
        try (Linkage linkage = new Linkage(servlet4)) {
            assertEquals(Set.of("class jakarta.servlet.Filter (used by Foil)",
                    "javax.servlet.http.Cookie.setAttribute(Ljava/lang/String;Ljava/lang/String;)V (used by Foil)"),
                    linkage.missing(List.of(foil), name -> true));
        }
    }

    @Test
    @DisplayName("Java 17 class files (major version 61), as the jakarta jar's")
    void java17() {
        JavaxJars.assertJava17(javax);
    }

    @Test
    @DisplayName("web-fragment.xml is a valid Servlet 4.0 fragment (javaee namespace, version 4.0, the 4.0 schema), "
            + "with the jakarta jar's filters and listener")
    void servlet4Fragment() throws Exception {
        String xml = javax.text(FRAGMENT);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes("UTF-8")))
                .getDocumentElement();
        assertEquals(JAVAEE, root.getNamespaceURI());
        assertEquals("4.0", root.getAttribute("version"));
        assertEquals(JAVAEE + " " + JAVAEE + "/web-fragment_4_0.xsd",
                root.getAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "schemaLocation"));
        assertFalse(xml.contains("6.0") || xml.contains("6_0"), xml);
        assertEquals(jakarta.text(FRAGMENT).replace("https://jakarta.ee/xml/ns/jakartaee", JAVAEE)
                .replace("web-fragment_6_0.xsd", "web-fragment_4_0.xsd").replace("version=\"6.0\"", "version=\"4.0\""),
                xml, "only the namespace, version and schema change");
        validateAgainstServlet4Schema(xml);
    }

    /**
     * The schema and the schemas it imports, from {@code javax/servlet/resources} of a Servlet 4.0 container (Tomcat 9;
     * the API jar has no schemas).
     */
    private static void validateAgainstServlet4Schema(String xml) throws Exception {
        URL tomcat9 = Jar.fromProperty("staleguard.schema.jar").path().toUri().toURL();
        try (var api = new java.net.URLClassLoader(new URL[] {tomcat9}, null)) {
            SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            List<String> resolved = new ArrayList<>();
            schemas.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
                String name = systemId.substring(systemId.lastIndexOf('/') + 1);
                InputStream in = api.getResourceAsStream("javax/servlet/resources/" + name);
                if (in == null) {
                    return null;
                }
                resolved.add(name);
                return new Input(publicId, systemId, in);
            });
            URL xsd = api.getResource("javax/servlet/resources/web-fragment_4_0.xsd");
            var schema = schemas.newSchema(new StreamSource(xsd.openStream(), xsd.toString()));
            schema.newValidator().validate(new StreamSource(new java.io.StringReader(xml)));
            assertTrue(resolved.contains("web-common_4_0.xsd"), resolved::toString);
        }
    }

    /** An {@link LSInput} over a stream. */
    private record Input(String getPublicId, String getSystemId, InputStream getByteStream) implements LSInput {
        @Override public java.io.Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(java.io.Reader characterStream) { }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public void setSystemId(String systemId) { }
        @Override public void setPublicId(String publicId) { }
        @Override public String getBaseURI() { return null; }
        @Override public void setBaseURI(String baseURI) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
