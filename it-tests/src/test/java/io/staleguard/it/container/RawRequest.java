package io.staleguard.it.container;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 GET over a plain socket, with header bytes exactly as given: the JDK's {@code HttpClient} refuses
 * header values outside ASCII, but browsers send whatever bytes a {@code Set-Cookie} stored, and so does this.
 */
public final class RawRequest {

    /** The status line's code and the whole response as ISO-8859-1 text. */
    public record Response(int status, String text) {
    }

    private RawRequest() {
    }

    /** GET {@code pathAndQuery} below {@code base}, with {@code Cookie: cookie} sent as the given bytes. */
    public static Response get(URL base, String pathAndQuery, byte[] cookie) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + base.getPath() + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nAccept: text/html\r\nConnection: close\r\nCookie: ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(cookie);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/1.1 ")) {
                throw new IOException("not an HTTP/1.1 response: " + text);
            }
            return new Response(Integer.parseInt(text.substring(9, 12)), text);
        }
    }
}
