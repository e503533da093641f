package org.switchboard.dav.method;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.CollectionProps;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.PlainCollections;
import org.switchboard.dav.spi.WritableCollections;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.w3c.dom.Element;

/** MKCALENDAR (RFC 4791 §5.3.1): a new calendar in the user's own home. */
public final class Mkcalendar implements MethodHandler {

    @Override
    public void handle(DavContext ctx) throws DavException, IOException {
        Element body = ctx.xml();
        if (body != null && !SafeXml.is(body, Ns.cal("mkcalendar"))) throw new DavException(400, "expected CALDAV:mkcalendar");
        Element prop = body == null ? null : SafeXml.child(SafeXml.child(body, Ns.dav("set")), Ns.dav("prop"));
        create(ctx, CollectionKind.CALENDAR, prop);
        ctx.status(201);
    }

    /** Longest collection path below the home (and object name) the engine accepts: what a database column holds. */
    static final int MAX_NAME = 255;

    /**
     * Shared with MKCOL: checks the target and creates the collection from the {@code <prop>} values.
     * Calendars and address books live directly in the user's home, where clients look for them; plain
     * collections there or inside another plain collection (the request path is then an OBJECT path whose
     * parent is that collection).
     */
    static DavCollection create(DavContext ctx, CollectionKind kind, Element prop) throws DavException {
        DavPath p = ctx.path;
        if (p.type() != DavPath.Type.COLLECTION && p.type() != DavPath.Type.OBJECT) {
            throw new DavException(403, "collections live at /<user>/<name>/");
        }
        if (!p.home().equals(ctx.user)) throw new DavException(403, "collections can only be created in your own home");
        if (!(ctx.backend instanceof WritableCollections w)) throw new DavException(403, "this server does not create collections");
        if (kind == CollectionKind.PLAIN && !(ctx.backend instanceof PlainCollections)) {
            throw new DavException(403, "this server has only calendars and address books (RFC 5689 extended MKCOL)");
        }
        String name = p.type() == DavPath.Type.COLLECTION ? p.collection() : p.asCollection().collection();
        String parentName = p.type() == DavPath.Type.OBJECT ? p.collection() : null;
        // RFC 4791 §5.3.1.1 / RFC 4918 §9.3.1: the resource must not exist
        if (p.type() == DavPath.Type.COLLECTION && ctx.lookup(p.home(), name).isPresent()) {
            throw new DavException(405, Ns.dav("resource-must-be-null"), "already exists");
        }
        if (parentName != null) {
            if (kind != CollectionKind.PLAIN) {
                QName where = kind == CollectionKind.CALENDAR ? Ns.cal("calendar-collection-location-ok")
                        : Ns.card("addressbook-collection-location-ok");
                throw new DavException(403, where, "calendars and address books live directly in your home");
            }
            // RFC 4918 §9.3.1: 409 when an intermediate collection is missing
            DavCollection parent = ctx.lookup(p.home(), parentName).orElseThrow(() -> new DavException(409, "no such parent collection"));
            if (!parent.isPlain()) throw new DavException(403, "calendars and address books hold no collections");
            ctx.requireWrite(parent);
            if (ctx.backend.get(parent, p.object()).isPresent()) {
                throw new DavException(405, Ns.dav("resource-must-be-null"), "a file of that name exists");
            }
        }
        if (name.length() > MAX_NAME) throw new DavException(400, "collection path longer than " + MAX_NAME + " characters");
        Optional<DavCollection> c = w.createCollection(p.home(), name, kind, props(prop));
        if (c.isEmpty() && parentName != null && ctx.backend.collection(p.home(), parentName).isEmpty()) {
            throw new DavException(409, "the parent collection was deleted meanwhile");
        }
        return c.orElseThrow(() -> new DavException(405, Ns.dav("resource-must-be-null"), "already exists"));
    }

    static CollectionProps props(Element prop) throws DavException {
        if (prop == null) return CollectionProps.empty();
        String name = SafeXml.text(SafeXml.child(prop, Ns.dav("displayname")));
        String desc = SafeXml.text(SafeXml.child(prop, Ns.cal("calendar-description")));
        if (desc == null) desc = SafeXml.text(SafeXml.child(prop, Ns.card("addressbook-description")));
        String color = SafeXml.text(SafeXml.child(prop, Ns.apple("calendar-color")));
        Integer order = null;
        String o = SafeXml.text(SafeXml.child(prop, Ns.apple("calendar-order")));
        if (o != null && !o.isEmpty()) {
            try {
                order = Integer.valueOf(o);
            } catch (NumberFormatException e) {
                throw new DavException(400, "calendar-order must be an integer");
            }
        }
        Set<String> comps = null;
        Element set = SafeXml.child(prop, Ns.cal("supported-calendar-component-set"));
        if (set != null) {
            comps = new LinkedHashSet<>();
            for (Element c : SafeXml.children(set, Ns.cal("comp"))) {
                String n = SafeXml.attr(c, "name");
                if (n == null || !Set.of("VEVENT", "VTODO", "VJOURNAL").contains(n.toUpperCase())) {
                    throw new DavException(403, Ns.cal("supported-calendar-component"), "unsupported component " + n);
                }
                comps.add(n.toUpperCase());
            }
        }
        return new CollectionProps(name, desc, color, order, comps);
    }
}
