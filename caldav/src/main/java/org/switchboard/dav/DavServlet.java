package org.switchboard.dav;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.dav.ical.TooManyInstancesException;
import org.switchboard.dav.method.Delete;
import org.switchboard.dav.method.Get;
import org.switchboard.dav.method.MethodHandler;
import org.switchboard.dav.method.Mkcalendar;
import org.switchboard.dav.method.Mkcol;
import org.switchboard.dav.method.Options;
import org.switchboard.dav.method.Propfind;
import org.switchboard.dav.method.Proppatch;
import org.switchboard.dav.method.Put;
import org.switchboard.dav.method.Report;
import org.switchboard.dav.spi.DavBackend;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.XmlOut;

/**
 * The CalDAV/CardDAV engine as a servlet. Mount it on {@code /*} (with {@link DavConfig#pathPrefix()}
 * set if not at the root). Authentication happens before it (a filter or the container); the user is
 * taken from {@link DavConfig#userResolver()}; without one the engine answers 401.
 */
public class DavServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(DavServlet.class.getName());
    private static final long serialVersionUID = 1L;

    private final transient DavBackend backend;
    private final transient DavConfig config;
    private final transient ObjectCache cache = new ObjectCache(10_000);
    private final transient Map<String, MethodHandler> handlers = Map.of(
            "OPTIONS", new Options(), "PROPFIND", new Propfind(), "PROPPATCH", new Proppatch(),
            "MKCALENDAR", new Mkcalendar(), "MKCOL", new Mkcol(), "GET", new Get(false), "HEAD", new Get(true),
            "PUT", new Put(), "DELETE", new Delete(), "REPORT", new Report());

    public DavServlet(DavBackend backend, DavConfig config) {
        this.backend = backend;
        this.config = config;
    }

    public DavServlet(DavBackend backend) { this(backend, DavConfig.defaults()); }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String raw = req.getRequestURI().substring(req.getContextPath().length());
        String prefix = config.pathPrefix();
        if (!prefix.isEmpty()) {
            if (!raw.equals(prefix) && !raw.startsWith(prefix + "/")) {
                resp.sendError(404);
                return;
            }
            raw = raw.substring(prefix.length());
        }
        DavPath path = DavPath.parse(raw);
        String method = req.getMethod().toUpperCase(Locale.ROOT);
        resp.setHeader("DAV", Options.DAV);
        if (path.type() == DavPath.Type.WELL_KNOWN) {
            // RFC 6764 §5; TbSync needs a 301, not a 302
            resp.setStatus(301);
            resp.setHeader("Location", prefix + "/");
            resp.setContentLength(0);
            return;
        }
        if (path.type() == DavPath.Type.INVALID) {
            resp.sendError(404);
            return;
        }
        String user = config.userResolver().apply(req);
        MethodHandler h = handlers.get(method);
        if (h == null) {
            resp.setHeader("Allow", Options.ALLOW);
            resp.sendError(405);
            return;
        }
        if (user == null && !method.equals("OPTIONS")) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"" + config.realm() + "\", charset=\"UTF-8\"");
            resp.sendError(401);
            return;
        }
        DavContext ctx = new DavContext(req, resp, backend, config, user, path, cache);
        try {
            h.handle(ctx);
        } catch (DavException e) {
            error(resp, e);
        } catch (TooManyInstancesException e) {
            error(resp, new DavException(403, Ns.cal("max-instances"), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, method + " " + raw + " failed", e);
            if (!resp.isCommitted()) error(resp, new DavException(500, "internal error"));
        }
    }

    private static void error(HttpServletResponse resp, DavException e) throws IOException {
        if (resp.isCommitted()) return;
        resp.reset();
        resp.setStatus(e.status());
        String body;
        if (e.precondition() != null) {
            XmlOut x = XmlOut.document(Ns.dav("error"));
            if (e.detail() != null) x.open(e.precondition()).raw(e.detail()).close(e.precondition());
            else x.empty(e.precondition());
            if (e.getMessage() != null) x.element(new javax.xml.namespace.QName("http://switchboard.org/ns/", "message"), e.getMessage());
            body = x.finish(Ns.dav("error"));
            resp.setContentType("application/xml; charset=utf-8");
        } else {
            body = (e.getMessage() == null ? "" : e.getMessage()) + "\n";
            resp.setContentType("text/plain; charset=utf-8");
        }
        byte[] b = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }
}
