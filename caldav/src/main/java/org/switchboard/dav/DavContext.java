package org.switchboard.dav;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.switchboard.dav.spi.Access;
import org.switchboard.dav.spi.DavBackend;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavPrincipal;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.switchboard.dav.xml.XmlOut;
import org.w3c.dom.Element;

/** One request: who asks, for what, and the helpers every method handler needs. */
public final class DavContext {
    public final HttpServletRequest req;
    public final HttpServletResponse resp;
    public final DavBackend backend;
    public final DavConfig config;
    public final String user;
    /** The request path, an OBJECT path already settled to a COLLECTION when it names a nested plain collection. */
    public final DavPath path;
    public final Hrefs hrefs;
    public final ObjectCache cache;

    DavContext(HttpServletRequest req, HttpServletResponse resp, DavBackend backend, DavConfig config, String user,
               DavPath path, ObjectCache cache) {
        this.req = req;
        this.resp = resp;
        this.backend = backend;
        this.config = config;
        this.user = user;
        this.hrefs = new Hrefs(config.pathPrefix());
        this.cache = cache;
        this.path = settle(path);
    }

    /** Collections looked up during this request (they are looked up again and again: parent, target, access). */
    private final java.util.Map<String, Optional<DavCollection>> lookedUp = new java.util.HashMap<>();

    /** The collection {@code /<home>/<name>/} as the backend has it, looked up once per request. */
    public Optional<DavCollection> lookup(String home, String name) {
        return lookedUp.computeIfAbsent(home + "/" + name, k -> backend.collection(home, name));
    }

    /**
     * A path below a collection names a nested collection when its parent is a plain collection holding a
     * collection of that name; else a member. Calendar objects cost nothing more: their parent is looked up
     * once here and again (from {@link #lookup}) by the method.
     */
    private DavPath settle(DavPath p) {
        if (p.type() != DavPath.Type.OBJECT) return p;
        Optional<DavCollection> parent = lookup(p.home(), p.collection());
        if (parent.isEmpty() || !parent.get().isPlain()) return p;
        DavPath nested = p.asCollection();
        return lookup(nested.home(), nested.collection()).isPresent() ? nested : p;
    }

    /** The request body, refusing more than {@code max} bytes with 413. */
    public byte[] body(int max, QName precondition) throws DavException, IOException {
        long declared = req.getContentLengthLong();
        if (declared > max) throw new DavException(413, precondition, "body larger than " + max + " bytes");
        try (InputStream in = req.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
            byte[] buf = new byte[8192];
            int n;
            long total = 0;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) throw new DavException(413, precondition, "body larger than " + max + " bytes");
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The XML request body, or null when there is none; 400 for malformed XML or any DOCTYPE. */
    public Element xml() throws DavException, IOException {
        byte[] b = body(config.maxRequestBody(), null);
        if (b.length == 0 || new String(b, StandardCharsets.UTF_8).isBlank()) return null;
        try {
            return SafeXml.parse(b);
        } catch (IllegalArgumentException e) {
            throw new DavException(400, e.getMessage());
        }
    }

    /** Depth header: 0, 1, or infinity (treated as 1: homes and collections are at most one level deep). */
    public int depth(int dflt) throws DavException {
        String d = req.getHeader("Depth");
        if (d == null) return dflt;
        return switch (d.trim().toLowerCase()) {
            case "0" -> 0;
            case "1", "infinity" -> 1;
            default -> throw new DavException(400, "bad Depth " + d);
        };
    }

    public DavPrincipal currentPrincipal() {
        return backend.principal(user).orElse(new DavPrincipal(user, user, null));
    }

    /** Resolves the target of this request. */
    public Resource resolve() throws DavException { return resolve(path); }

    public Resource resolve(DavPath p) throws DavException {
        switch (p.type()) {
            case ROOT:
                return new Resource(DavPath.Type.ROOT, hrefs.root(), currentPrincipal(), null, null, Access.READ);
            case PRINCIPAL: {
                DavPrincipal pr = backend.principal(p.home()).orElseThrow(() -> new DavException(404, "no such principal"));
                if (!backend.canBrowseHome(user, p.home())) throw new DavException(403, "not your home");
                return new Resource(DavPath.Type.PRINCIPAL, hrefs.home(p.home()), pr, null, null,
                        user.equals(p.home()) ? Access.READ_WRITE : Access.READ);
            }
            case COLLECTION: {
                DavCollection c = collection(p);
                return new Resource(DavPath.Type.COLLECTION, hrefs.collection(c), null, c, null, backend.access(user, c));
            }
            case OBJECT: {
                DavCollection c = collection(p);
                DavObject o = backend.get(c, p.object()).orElseThrow(() -> new DavException(404, "no such object"));
                return new Resource(DavPath.Type.OBJECT, hrefs.object(c, o.name()), null, c, o.info(), backend.access(user, c));
            }
            default:
                throw new DavException(404, "not found");
        }
    }

    /** The collection named by {@code p}, 404 if missing, 403 if the user may not read it. */
    public DavCollection collection(DavPath p) throws DavException {
        Optional<DavCollection> c = lookup(p.home(), p.collection());
        if (c.isEmpty()) throw new DavException(404, "no such collection");
        if (!backend.access(user, c.get()).canRead()) throw new DavException(403, "no access to this collection");
        return c.get();
    }

    /** 403 with DAV:need-privileges (RFC 3744 §7.1.1) unless the user may write {@code c}. */
    public void requireWrite(DavCollection c) throws DavException {
        if (c.readOnly() || !backend.access(user, c).canWrite()) {
            String detail = new XmlOut().open(Ns.dav("resource")).element(Ns.dav("href"), hrefs.collection(c))
                    .open(Ns.dav("privilege")).empty(Ns.dav("write")).close(Ns.dav("privilege"))
                    .close(Ns.dav("resource")).toFragment();
            throw new DavException(403, Ns.dav("need-privileges"), detail, "read-only collection");
        }
    }

    public void send(int status, String contentType, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(contentType);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }

    public void sendMultistatus(String xml) throws IOException {
        send(207, "application/xml; charset=utf-8", xml);
    }

    public void status(int status) {
        resp.setStatus(status);
        resp.setContentLength(0);
    }
}
