package org.switchboard.dav.method;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.Resource;
import org.switchboard.dav.spi.CollectionProps;
import org.switchboard.dav.spi.WritableCollections;
import org.switchboard.dav.xml.Multistatus;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.switchboard.dav.xml.XmlOut;
import org.w3c.dom.Element;

/**
 * PROPPATCH (RFC 4918 §9.2) of displayname, calendar-description, calendar-color, calendar-order and
 * addressbook-description. All or nothing: one refused property fails the others with 424.
 */
public final class Proppatch implements MethodHandler {
    static final Set<QName> SETTABLE = Set.of(Ns.dav("displayname"), Ns.cal("calendar-description"),
            Ns.apple("calendar-color"), Ns.apple("calendar-order"), Ns.card("addressbook-description"));

    @Override
    public void handle(DavContext ctx) throws DavException, IOException {
        Element body = ctx.xml();
        if (body == null || !SafeXml.is(body, Ns.dav("propertyupdate"))) throw new DavException(400, "expected DAV:propertyupdate");
        Resource r = ctx.resolve();
        Map<QName, String> changes = new LinkedHashMap<>();
        for (Element op : SafeXml.children(body)) {
            boolean set = SafeXml.is(op, Ns.dav("set"));
            if (!set && !SafeXml.is(op, Ns.dav("remove"))) continue;
            Element prop = SafeXml.child(op, Ns.dav("prop"));
            if (prop == null) continue;
            for (Element p : SafeXml.children(prop)) changes.put(SafeXml.name(p), set ? p.getTextContent().trim() : "");
        }
        boolean writable = r.type() == DavPath.Type.COLLECTION && ctx.backend instanceof WritableCollections;
        if (writable) ctx.requireWrite(r.collection());
        List<String> refused = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        Integer order = null;
        for (Map.Entry<QName, String> e : changes.entrySet()) {
            // a plain collection has a name and nothing of a calendar's
            boolean accepted = writable && (r.collection().isPlain() ? e.getKey().equals(Ns.dav("displayname")) : SETTABLE.contains(e.getKey()));
            if (accepted && e.getKey().equals(Ns.apple("calendar-order")) && !e.getValue().isEmpty()) {
                try {
                    order = Integer.valueOf(e.getValue());
                } catch (NumberFormatException ex) {
                    accepted = false;
                }
            }
            (accepted ? ok : refused).add(new XmlOut().empty(e.getKey()).toFragment());
        }
        Map<Integer, List<String>> result = new LinkedHashMap<>();
        if (!refused.isEmpty()) {
            result.put(403, refused);
            result.put(424, ok);
        } else {
            CollectionProps patch = new CollectionProps(changes.get(Ns.dav("displayname")),
                    first(changes.get(Ns.cal("calendar-description")), changes.get(Ns.card("addressbook-description"))),
                    changes.get(Ns.apple("calendar-color")), order, null);
            if (!changes.isEmpty()) ((WritableCollections) ctx.backend).updateCollection(r.collection(), patch);
            result.put(200, ok);
        }
        ctx.sendMultistatus(new Multistatus().response(r.href(), result).finish());
    }

    private static String first(String a, String b) { return a != null ? a : b; }
}
