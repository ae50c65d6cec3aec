package io.staleguard.example;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One page of the tour: the tour's frame (which incident, with or without Staleguard, what just happened, what to do
 * next, the redeploy button, the cookies the browser sent) around the demo application's own content.
 * Plain HTML with a little inline CSS and one tiny script, so the example depends on nothing but the Servlet API.
 */
public final class Page {

    private static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f3f4f6}
            header{background:#111827;color:#f9fafb;padding:.75rem 1.25rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
            header a{color:#f9fafb;text-decoration:none;font-weight:600}
            header .crumb{color:#9ca3af}
            main{max-width:46rem;margin:1.5rem auto;padding:0 1rem}
            h1{font-size:1.5rem;margin:.25rem 0 1rem}
            h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
            .card>h2:first-child,.card>.brand+h2{margin-top:.25rem}
            .badge{display:inline-block;padding:.15rem .6rem;border-radius:999px;font-size:.8rem;font-weight:700;letter-spacing:.02em}
            .with{background:#dcfce7;color:#166534}
            .without{background:#fee2e2;color:#991b1b}
            .card{background:#fff;border:1px solid #e5e7eb;border-radius:.75rem;padding:1.25rem 1.5rem;margin:1rem 0;box-shadow:0 1px 2px rgba(0,0,0,.04)}
            .app{border-top:4px solid #6366f1}
            .app .brand{font-size:.8rem;text-transform:uppercase;letter-spacing:.08em;color:#6366f1;font-weight:700}
            .error{border-top:4px solid #dc2626}
            .error .brand{color:#dc2626}
            .ok{border-top:4px solid #16a34a}
            .ok .brand{color:#16a34a}
            .explain{background:#eff6ff;border:1px solid #bfdbfe;border-radius:.75rem;padding:.9rem 1.25rem;margin:1rem 0}
            .explain.healed{background:#f0fdf4;border-color:#86efac}
            .explain.stuck{background:#fef2f2;border-color:#fecaca}
            .explain b{display:block;font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:#374151}
            .next{color:#374151}
            label{display:block;font-weight:600;margin:.5rem 0 .25rem}
            input[type=text]{width:100%;padding:.5rem .6rem;border:1px solid #d1d5db;border-radius:.4rem;font:inherit}
            button,.button{display:inline-block;padding:.55rem 1.1rem;border-radius:.5rem;border:0;font:inherit;font-weight:600;cursor:pointer;text-decoration:none;background:#4f46e5;color:#fff}
            button.secondary,.button.secondary{background:#e5e7eb;color:#111827}
            .button.with{background:#16a34a;color:#fff}
            .button.without{background:#dc2626;color:#fff}
            .actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1rem}
            .tools{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;font-size:.9rem;color:#4b5563}
            .tools form{margin:0}
            .tools button{background:#f59e0b;color:#111827}
            .cookies{font-size:.9rem;color:#4b5563}
            code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
            .nowrap{white-space:nowrap}
            code{background:#f3f4f6;padding:.05rem .3rem;border-radius:.25rem}
            table{border-collapse:collapse;width:100%;font-size:.9rem}
            td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
            td.mono{word-break:break-all}
            th code{white-space:nowrap}
            ol li{margin:.25rem 0}
            details{margin-top:1rem;font-size:.9rem}
            summary{cursor:pointer;color:#4b5563}
            footer{max-width:46rem;margin:0 auto 2rem;padding:0 1rem;font-size:.85rem;color:#6b7280}
            footer a{color:#4b5563}
            .tools h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:#92400e;margin:0;width:100%}
            .tools{border-top:4px solid #f59e0b}
            .tools button:disabled{opacity:.5;cursor:default}
            .toasts{position:fixed;right:1rem;bottom:1rem;display:flex;flex-direction:column;gap:.5rem;z-index:10;max-width:22rem}
            .toast{background:#991b1b;color:#fff;padding:.6rem .9rem;border-radius:.5rem;box-shadow:0 4px 12px rgba(0,0,0,.25);font-size:.9rem}
            .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.75rem;margin-top:.75rem}
            .tile{border:1px solid #e5e7eb;border-radius:.5rem;padding:.6rem .8rem;font-size:.9rem;min-height:3.4rem}
            .tile b{display:block;font-size:.75rem;text-transform:uppercase;letter-spacing:.06em;color:#6b7280}
            .log{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;padding-left:1.2rem}
            .verdict{font-weight:700;padding:.6rem .9rem;border-radius:.5rem;margin-top:.75rem}
            .verdict.bad{background:#fee2e2;color:#991b1b}
            .verdict.good{background:#dcfce7;color:#166534}
            .facts{font-size:.9rem}
            .facts th{width:14rem;color:#4b5563;font-weight:600}
            """;

    /** Replaces the redeploy form's page load by a fetch, so the page the user is on stays exactly as it was. */
    private static final String SCRIPT = """
            document.querySelectorAll('form[data-redeploy]').forEach(function (form) {
              form.addEventListener('submit', function (e) {
                e.preventDefault();
                var status = document.getElementById('redeploy-status');
                fetch(form.action, {method: 'POST', headers: {'Accept': 'application/json'}})
                  .then(function (r) { return r.json(); })
                  .then(function (j) { status.textContent = j.message; status.style.fontWeight = '600'; })
                  .catch(function () { status.textContent = 'The redeploy request failed.'; });
              });
            });
            """;

    private final String title;
    private String crumb;
    private Mode mode;
    private final StringBuilder body = new StringBuilder(2048);
    private boolean redeployButton;
    private boolean cookies;
    private final List<String> footerLinks = new ArrayList<>();
    private final List<String> scriptSources = new ArrayList<>();
    private final List<String> scripts = new ArrayList<>();

    private Page(String title) {
        this.title = title;
    }

    public static Page titled(String title) {
        return new Page(title);
    }

    /** Names the incident in the header bar. */
    public Page crumb(String text) {
        this.crumb = text;
        return this;
    }

    /** Shows whether Staleguard guards this page. */
    public Page mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    /** Raw HTML; every dynamic value in it must have gone through {@link #esc(String)}. */
    public Page html(String html) {
        body.append(html).append('\n');
        return this;
    }

    /** The one sentence that says what just happened, and optionally what to do next. */
    public Page explain(String happenedHtml, String nextHtml) {
        return explain("", happenedHtml, nextHtml);
    }

    /** Like {@link #explain(String, String)}, styled {@code healed} or {@code stuck}. */
    public Page explain(String style, String happenedHtml, String nextHtml) {
        body.append("<section class=\"explain ").append(style).append("\"><b>What just happened</b>")
                .append(happenedHtml);
        if (nextHtml != null) {
            body.append("<p class=\"next\"><strong>Next:</strong> ").append(nextHtml).append("</p>");
        }
        body.append("</section>\n");
        return this;
    }

    /** Adds the "Simulate a redeploy" button, which wipes all server-side state but leaves the browser's cookies. */
    public Page redeployButton() {
        this.redeployButton = true;
        return this;
    }

    /** Lists the names of the cookies the browser sent, so the stale ones can be seen (never their values). */
    public Page showCookies() {
        this.cookies = true;
        return this;
    }

    /** Loads a script by URL at the end of the page, before the inline scripts. */
    public Page scriptSrc(String src) {
        scriptSources.add(src);
        return this;
    }

    /** Adds an inline script at the end of the page; it must not contain {@code </script>}. */
    public Page script(String js) {
        if (js.contains("</")) {
            throw new IllegalArgumentException("an inline script must not contain '</'");
        }
        scripts.add(js);
        return this;
    }

    public Page footerLink(String href, String text) {
        footerLinks.add("<a href=\"" + esc(href) + "\">" + esc(text) + "</a>");
        return this;
    }

    /** Writes the page with status 200. */
    public void send(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(request, response, HttpServletResponse.SC_OK);
    }

    public void send(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        String ctx = request.getContextPath();
        StringBuilder out = new StringBuilder(body.length() + CSS.length() + 2048);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · Staleguard example</title>")
                .append("<style>").append(CSS).append("</style></head>\n<body>\n<header><a href=\"")
                .append(esc(ctx)).append("/\">Staleguard example</a>");
        if (crumb != null) {
            out.append("<span class=\"crumb\">›</span><span>").append(esc(crumb)).append("</span>");
        }
        if (mode != null) {
            out.append(mode.badge());
        }
        out.append("</header>\n<main>\n<h1>").append(esc(title)).append("</h1>\n").append(body);
        if (redeployButton) {
            // "back" brings a browser without JavaScript back here after the redeploy page (RedeployServlet).
            out.append("<section class=\"card tools\"><form method=\"post\" action=\"").append(esc(ctx))
                    .append("/redeploy\" data-redeploy><input type=\"hidden\" name=\"back\" value=\"")
                    .append(esc(currentPage(request))).append("\">")
                    .append("<button type=\"submit\">Simulate a redeploy</button></form>")
                    .append("<span id=\"redeploy-status\">Wipes the server's interactions and sessions; your browser "
                            + "keeps its cookies.</span></section>\n");
        }
        if (cookies) {
            out.append("<p class=\"cookies\">Cookies your browser sent with this request (names only): ")
                    .append("<span class=\"mono\">").append(esc(cookieNames(request))).append("</span></p>\n");
        }
        out.append("</main>\n<footer>");
        if (crumb != null) {
            footerLinks.add(0, "<a href=\"" + esc(ctx) + "/\">Tour start</a>");
        }
        out.append(String.join(" · ", footerLinks));
        out.append("</footer>\n");
        if (redeployButton) {
            out.append("<script>").append(SCRIPT).append("</script>\n");
        }
        for (String src : scriptSources) {
            out.append("<script src=\"").append(esc(src)).append("\"></script>\n");
        }
        for (String js : scripts) {
            out.append("<script>").append(js).append("</script>\n");
        }
        out.append("</body></html>\n");

        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(out.toString());
    }

    /** The page being written, for a GET its path and query; otherwise its path. */
    private static String currentPage(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + ("GET".equals(request.getMethod()) && query != null ? "?" + query : "");
    }

    private static String cookieNames(HttpServletRequest request) {
        Cookie[] all = request.getCookies();
        if (all == null || all.length == 0) {
            return "none";
        }
        StringBuilder names = new StringBuilder();
        for (Cookie c : all) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(c.getName());
        }
        return names.toString();
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
