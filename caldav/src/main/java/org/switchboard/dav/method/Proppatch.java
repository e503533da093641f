package org.switchboard.dav.method;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.DavProperties;
import org.switchboard.dav.Resource;
import org.switchboard.dav.spi.CollectionProps;
import org.switchboard.dav.spi.DeadProperties;
import org.switchboard.dav.spi.WritableCollections;
import org.switchboard.dav.xml.Multistatus;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.switchboard.dav.xml.XmlOut;
import org.w3c.dom.Element;

/**
 * PROPPATCH (RFC 4918 §9.2) of displayname, calendar-description, calendar-color, calendar-order and
 * addressbook-description on collections; on files and plain collections, any other property is a dead
 * property when the backend keeps them ({@link DeadProperties}). All or nothing: one refused property
 * fails the others with 424. Instructions apply in document order (a set then a remove removes).
 */
public final class Proppatch implements MethodHandler {
    static final Set<QName> SETTABLE = Set.of(Ns.dav("displayname"), Ns.cal("calendar-description"),
            Ns.apple("calendar-color"), Ns.apple("calendar-order"), Ns.card("addressbook-description"));
    /** Dead properties a resource may carry, and the limits of one (what the storage holds). */
    static final int MAX_DEAD = 200;
    static final int MAX_DEAD_NAME = 255;
    static final int MAX_DEAD_VALUE = 16 * 1024;

    @Override
    public void handle(DavContext ctx) throws DavException, IOException {
        Element body = ctx.xml();
        if (body == null || !SafeXml.is(body, Ns.dav("propertyupdate"))) throw new DavException(400, "expected DAV:propertyupdate");
        Resource r = ctx.resolve();
        // the last instruction for each name wins: an element to set, or null to remove
        Map<QName, Element> changes = new LinkedHashMap<>();
        for (Element op : SafeXml.children(body)) {
            boolean set = SafeXml.is(op, Ns.dav("set"));
            if (!set && !SafeXml.is(op, Ns.dav("remove"))) continue;
            Element prop = SafeXml.child(op, Ns.dav("prop"));
            if (prop == null) continue;
            for (Element p : SafeXml.children(prop)) {
                changes.remove(SafeXml.name(p));
                changes.put(SafeXml.name(p), set ? p : null);
            }
        }
        boolean plain = r.collection() != null && r.collection().isPlain()
                && (r.type() == DavPath.Type.COLLECTION || r.type() == DavPath.Type.OBJECT);
        boolean writable = r.type() == DavPath.Type.COLLECTION && ctx.backend instanceof WritableCollections;
        DeadProperties dead = plain && ctx.backend instanceof DeadProperties d ? d : null;
        if (writable || dead != null) ctx.requireWrite(r.collection());

        List<String> refused = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        Map<QName, String> live = new LinkedHashMap<>();
        Map<QName, String> deadSet = new LinkedHashMap<>();
        Set<QName> deadRemove = new HashSet<>();
        Integer order = null;
        for (Map.Entry<QName, Element> e : changes.entrySet()) {
            QName n = e.getKey();
            String fragment = new XmlOut().empty(n).toFragment();
            // a plain collection has a name and nothing of a calendar's
            boolean isLive = writable && (r.collection().isPlain() ? n.equals(Ns.dav("displayname")) : SETTABLE.contains(n));
            if (isLive) {
                String value = e.getValue() == null ? "" : e.getValue().getTextContent().trim();
                if (n.equals(Ns.apple("calendar-order")) && !value.isEmpty()) {
                    try {
                        order = Integer.valueOf(value);
                    } catch (NumberFormatException ex) {
                        refused.add(fragment);
                        continue;
                    }
                }
                live.put(n, value);
                ok.add(fragment);
            } else if (dead != null && !DavProperties.isProtected(n)
                    && n.getNamespaceURI().length() + n.getLocalPart().length() <= MAX_DEAD_NAME) {
                if (e.getValue() == null) {
                    deadRemove.add(n);
                } else {
                    String xml = SafeXml.serialize(e.getValue());
                    if (xml.length() > MAX_DEAD_VALUE) {
                        refused.add(fragment);
                        continue;
                    }
                    deadSet.put(n, xml);
                }
                ok.add(fragment);
            } else {
                refused.add(fragment);
            }
        }
        Map<Integer, List<String>> result = new LinkedHashMap<>();
        if (refused.isEmpty() && !deadSet.isEmpty()) {
            String member = r.type() == DavPath.Type.OBJECT ? r.object().name() : null;
            Set<QName> after = new HashSet<>(dead.deadProperties(r.collection(), member).keySet());
            after.removeAll(deadRemove);
            after.addAll(deadSet.keySet());
            if (after.size() > MAX_DEAD) {
                // RFC 4918 §9.2.1: 507, the server cannot store them
                List<String> tooMany = new ArrayList<>();
                for (QName n : deadSet.keySet()) tooMany.add(new XmlOut().empty(n).toFragment());
                ok.removeAll(tooMany);
                result.put(507, tooMany);
                result.put(424, ok);
                ctx.sendMultistatus(new Multistatus().response(r.href(), result).finish());
                return;
            }
        }
        if (!refused.isEmpty()) {
            result.put(403, refused);
            result.put(424, ok);
        } else {
            if (!live.isEmpty()) {
                CollectionProps patch = new CollectionProps(live.get(Ns.dav("displayname")),
                        first(live.get(Ns.cal("calendar-description")), live.get(Ns.card("addressbook-description"))),
                        live.get(Ns.apple("calendar-color")), order, null);
                ((WritableCollections) ctx.backend).updateCollection(r.collection(), patch);
            }
            if (!deadSet.isEmpty() || !deadRemove.isEmpty()) {
                String member = r.type() == DavPath.Type.OBJECT ? r.object().name() : null;
                if (!dead.patchDeadProperties(r.collection(), member, deadSet, deadRemove)) throw new DavException(404, "gone");
            }
            result.put(200, ok);
        }
        ctx.sendMultistatus(new Multistatus().response(r.href(), result).finish());
    }

    private static String first(String a, String b) { return a != null ? a : b; }
}
