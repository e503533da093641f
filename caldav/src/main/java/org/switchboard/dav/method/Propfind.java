package org.switchboard.dav.method;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.Hrefs;
import org.switchboard.dav.DavProperties;
import org.switchboard.dav.Resource;
import org.switchboard.dav.spi.Access;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.PlainCollections;
import org.switchboard.dav.xml.Multistatus;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.switchboard.dav.xml.XmlOut;
import org.w3c.dom.Element;

/** PROPFIND (RFC 4918 §9.1) with Depth 0 or 1; prop, allprop (with include) and propname. */
public final class Propfind implements MethodHandler {

    @Override
    public void handle(DavContext ctx) throws DavException, IOException {
        Element body = ctx.xml();
        if (body != null && !SafeXml.is(body, Ns.dav("propfind"))) throw new DavException(400, "expected DAV:propfind");
        boolean propname = body != null && SafeXml.child(body, Ns.dav("propname")) != null;
        Element prop = body == null ? null : SafeXml.child(body, Ns.dav("prop"));
        List<QName> requested = null;
        if (prop != null) {
            requested = new ArrayList<>();
            for (Element e : SafeXml.children(prop)) requested.add(SafeXml.name(e));
        }
        List<QName> include = new ArrayList<>();
        Element inc = body == null ? null : SafeXml.child(body, Ns.dav("include"));
        if (inc != null) for (Element e : SafeXml.children(inc)) include.add(SafeXml.name(e));

        Resource target = ctx.resolve();
        // RFC 4918 §9.1: no Depth means infinity; our tree is one level deep under any collection
        int depth = ctx.depth(1);
        Multistatus ms = new Multistatus();
        respond(ctx, ms, target, requested, include, propname);
        if (depth == 1 && target.type() == DavPath.Type.COLLECTION && requested != null) {
            members(ctx, ms, target, requested);
            return;
        }
        if (depth == 1) {
            for (Resource child : children(ctx, target)) respond(ctx, ms, child, requested, include, propname);
        }
        ctx.sendMultistatus(ms.finish());
    }

    private static final QName GETETAG = Ns.dav("getetag");
    private static final QName GETCONTENTLENGTH = Ns.dav("getcontentlength");
    /** Responses are sent in pieces of about this many characters instead of one document in memory. */
    private static final int CHUNK = 64 * 1024;

    /**
     * The members of a collection for a {@code <prop>} PROPFIND (clients listing ETags): one listing from the
     * backend, each member written straight out (getetag and getcontentlength without the generic property
     * table), the body streamed to the client as it grows.
     */
    private static void members(DavContext ctx, Multistatus ms, Resource target, List<QName> requested) throws IOException {
        DavCollection c = target.collection();
        String base = ctx.hrefs.collection(c);
        List<DavObjectInfo> list = ctx.backend.list(c);
        ctx.resp.setStatus(207);
        ctx.resp.setContentType("application/xml; charset=utf-8");
        java.io.Writer w = null;
        for (Resource sub : subcollections(ctx, target)) respond(ctx, ms, sub, requested, List.of(), false);
        List<String> found = new ArrayList<>(requested.size());
        List<String> missing = new ArrayList<>();
        for (DavObjectInfo o : list) {
            Resource r = new Resource(DavPath.Type.OBJECT, base + Hrefs.segment(o.name()), null, c, o, target.access());
            Map<QName, String> dead = null;
            found.clear();
            missing.clear();
            for (QName n : requested) {
                String v;
                if (GETETAG.equals(n)) {
                    v = "<d:getetag>" + XmlOut.escape(o.etag()) + "</d:getetag>";
                } else if (GETCONTENTLENGTH.equals(n)) {
                    v = "<d:getcontentlength>" + o.size() + "</d:getcontentlength>";
                } else {
                    v = DavProperties.render(n, r, ctx);
                    if (v == null && c.isPlain()) {
                        if (dead == null) dead = DavProperties.dead(r, ctx);
                        v = dead.get(n);
                    }
                }
                if (v != null) found.add(v);
                else missing.add(new XmlOut().empty(n).toFragment());
            }
            ms.response(r.href(), found, missing);
            if (ms.buffered() >= CHUNK) {
                if (w == null) w = ctx.resp.getWriter();
                w.write(ms.drain());
            }
        }
        if (w == null) w = ctx.resp.getWriter();
        w.write(ms.finish());
    }

    static void respond(DavContext ctx, Multistatus ms, Resource r, List<QName> requested, List<QName> include,
                        boolean propname) {
        // dead properties of files and plain collections (RFC 4918 §4.1), read once per resource when needed
        Map<QName, String> dead = requested == null ? DavProperties.dead(r, ctx) : null;
        if (propname) {
            List<String> names = new ArrayList<>();
            for (QName n : DavProperties.names(r, ctx)) names.add(new XmlOut().empty(n).toFragment());
            for (QName n : dead.keySet()) names.add(new XmlOut().empty(n).toFragment());
            ms.response(r.href(), Map.of(200, names));
            return;
        }
        List<QName> wanted = requested;
        if (wanted == null) {
            wanted = new ArrayList<>(DavProperties.names(r, ctx));
            for (QName q : dead.keySet()) if (!wanted.contains(q)) wanted.add(q);
            for (QName q : include) if (!wanted.contains(q)) wanted.add(q);
        }
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (QName n : wanted) {
            String v = DavProperties.render(n, r, ctx);
            if (v == null && r.collection() != null && r.collection().isPlain()) {
                if (dead == null) dead = DavProperties.dead(r, ctx);
                v = dead.get(n);
            }
            if (v != null) found.add(v);
            else if (requested != null) missing.add(new XmlOut().empty(n).toFragment());
        }
        Map<Integer, List<String>> props = new LinkedHashMap<>(Multistatus.props(found, missing));
        ms.response(r.href(), props);
    }

    static List<Resource> children(DavContext ctx, Resource target) {
        List<Resource> out = new ArrayList<>();
        switch (target.type()) {
            case ROOT -> out.add(new Resource(DavPath.Type.PRINCIPAL, ctx.hrefs.home(ctx.user), ctx.currentPrincipal(),
                    null, null, Access.READ_WRITE));
            case PRINCIPAL -> {
                for (DavCollection c : ctx.backend.collections(ctx.user, target.principal().name())) {
                    Access a = ctx.backend.access(ctx.user, c);
                    if (a.canRead()) out.add(new Resource(DavPath.Type.COLLECTION, ctx.hrefs.collection(c), null, c, null, a));
                }
            }
            case COLLECTION -> {
                out.addAll(subcollections(ctx, target));
                DavCollection c = target.collection();
                String base = ctx.hrefs.collection(c);
                for (DavObjectInfo o : ctx.backend.list(c)) {
                    out.add(new Resource(DavPath.Type.OBJECT, base + Hrefs.segment(o.name()), null, c, o, target.access()));
                }
            }
            default -> { }
        }
        return out;
    }

    /** The collections nested in a plain collection (none in calendars and address books). */
    private static List<Resource> subcollections(DavContext ctx, Resource target) {
        DavCollection c = target.collection();
        if (!c.isPlain() || !(ctx.backend instanceof PlainCollections plain)) return List.of();
        List<Resource> out = new ArrayList<>();
        for (DavCollection sub : plain.subcollections(c)) {
            out.add(new Resource(DavPath.Type.COLLECTION, ctx.hrefs.collection(sub), null, sub, null, ctx.backend.access(ctx.user, sub)));
        }
        return out;
    }
}
