package org.switchboard.dav.method;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.CollectionProps;
import org.switchboard.dav.spi.DavCollection;
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

    /** Shared with extended MKCOL: checks the target and creates the collection from the {@code <prop>} values. */
    static DavCollection create(DavContext ctx, CollectionKind kind, Element prop) throws DavException {
        DavPath p = ctx.path;
        if (p.type() != DavPath.Type.COLLECTION) throw new DavException(403, "collections live at /<user>/<name>/");
        if (!p.home().equals(ctx.user)) throw new DavException(403, "collections can only be created in your own home");
        if (!(ctx.backend instanceof WritableCollections w)) throw new DavException(403, "this server does not create collections");
        if (ctx.backend.collection(p.home(), p.collection()).isPresent()) {
            // RFC 4791 §5.3.1.1 / RFC 4918 §9.3.1: the resource must not exist
            throw new DavException(405, Ns.dav("resource-must-be-null"), "already exists");
        }
        Optional<DavCollection> c = w.createCollection(p.home(), p.collection(), kind, props(prop));
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
