package io.staleguard.it.redeploy;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.staleguard.Staleguard;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /mbean}: {@code registered=<bool> own=<bool> recovered=<n>} for Staleguard's MBean of this context, where
 * {@code own} says whether the MBean's class loader is this deployment's (the one that loaded Staleguard here).
 * {@code GET /stale}: the page finds its session gone and calls {@code Staleguard.recover}, which starts an engine that
 * no filter owns (the drop-in is switched off).
 */
@WebServlet({"/mbean", "/stale"})
public class MBeanProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().equals("/stale")) {
            Staleguard.recover(request, response);
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName("io.staleguard:type=Staleguard,context="
                    + ObjectName.quote(request.getContextPath()));
            if (!server.isRegistered(name)) {
                response.getWriter().write("registered=false");
                return;
            }
            boolean own = server.getClassLoaderFor(name) == Staleguard.class.getClassLoader();
            response.getWriter().write("registered=true own=" + own + " recovered="
                    + server.getAttribute(name, "Recovered"));
        } catch (JMException e) {
            throw new IOException(e);
        }
    }
}
