package org.switchboard.dav;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.namespace.QName;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DeadProperties;
import org.switchboard.dav.spi.DavPrincipal;
import org.switchboard.dav.spi.SyncSupport;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.XmlOut;

/** The live properties of each kind of resource, rendered as XML elements. */
public final class DavProperties {
    private DavProperties() {}

    private static final List<QName> COMMON = List.of(Ns.dav("resourcetype"), Ns.dav("displayname"),
            Ns.dav("current-user-principal"), Ns.dav("current-user-privilege-set"), Ns.dav("owner"),
            Ns.dav("supported-report-set"));
    private static final List<QName> PRINCIPAL = List.of(Ns.dav("principal-URL"), Ns.dav("principal-collection-set"),
            Ns.cal("calendar-home-set"), Ns.card("addressbook-home-set"), Ns.cal("calendar-user-address-set"),
            Ns.cs("email-address-set"));
    private static final List<QName> CALENDAR = List.of(Ns.cs("getctag"), Ns.dav("sync-token"),
            Ns.cal("calendar-description"), Ns.apple("calendar-color"), Ns.apple("calendar-order"),
            Ns.cal("supported-calendar-component-set"), Ns.cal("supported-calendar-data"), Ns.cal("max-resource-size"));
    private static final List<QName> ADDRESS_BOOK = List.of(Ns.cs("getctag"), Ns.dav("sync-token"),
            Ns.card("addressbook-description"), Ns.card("supported-address-data"), Ns.card("max-resource-size"));
    private static final List<QName> OBJECT = List.of(Ns.dav("getetag"), Ns.dav("getcontenttype"),
            Ns.dav("getcontentlength"), Ns.dav("resourcetype"), Ns.dav("current-user-privilege-set"), Ns.dav("owner"));

    /**
     * True for names a client may not use as dead properties: the engine's live properties and the rest of
     * the DAV: namespace (RFC 4918 §15), except displayname, which a file may carry as a dead property.
     */
    public static boolean isProtected(QName n) {
        if (Ns.DAV.equals(n.getNamespaceURI())) return !n.getLocalPart().equals("displayname");
        return COMMON.contains(n) || PRINCIPAL.contains(n) || CALENDAR.contains(n) || ADDRESS_BOOK.contains(n) || OBJECT.contains(n)
                || Ns.CALDAV.equals(n.getNamespaceURI()) || Ns.CARDDAV.equals(n.getNamespaceURI());
    }

    /** The dead properties of a plain collection or file (empty for anything else, or without {@link DeadProperties}). */
    public static Map<QName, String> dead(Resource r, DavContext ctx) {
        if (r.collection() == null || !r.collection().isPlain() || !(ctx.backend instanceof DeadProperties d)) return Map.of();
        if (r.type() == DavPath.Type.COLLECTION) return d.deadProperties(r.collection(), null);
        return r.type() == DavPath.Type.OBJECT ? d.deadProperties(r.collection(), r.object().name()) : Map.of();
    }

    /** The properties allprop and propname list (RFC 4918 §9.1): everything live except report-only data. */
    public static List<QName> names(Resource r, DavContext ctx) {
        List<QName> out = new ArrayList<>();
        switch (r.type()) {
            case OBJECT -> out.addAll(OBJECT);
            case COLLECTION -> {
                out.addAll(COMMON);
                if (r.collection().isCalendar()) out.addAll(CALENDAR);
                else if (r.collection().isAddressBook()) out.addAll(ADDRESS_BOOK);
                if (!(ctx.backend instanceof SyncSupport)) out.remove(Ns.dav("sync-token"));
            }
            default -> {
                out.addAll(COMMON);
                out.addAll(PRINCIPAL);
            }
        }
        List<QName> present = new ArrayList<>();
        for (QName n : out) if (render(n, r, ctx) != null) present.add(n);
        return present;
    }

    private static String el(QName n, String innerXml) {
        return new XmlOut().open(n).raw(innerXml).close(n).toFragment();
    }

    private static String text(QName n, String text) {
        // sized for the text, its tags and some escaping: a report renders a getetag for each of thousands of members
        return text == null ? null : new XmlOut(text.length() + 2 * n.getLocalPart().length() + 32).element(n, text).toFragment();
    }

    private static String href(String h) { return new XmlOut().element(Ns.dav("href"), h).toFragment(); }

    /** The property as an XML element, or null if this resource does not have it (→ 404 propstat). */
    public static String render(QName n, Resource r, DavContext ctx) {
        DavCollection c = r.collection();
        boolean principalLike = r.type() == DavPath.Type.ROOT || r.type() == DavPath.Type.PRINCIPAL;
        boolean isCol = r.type() == DavPath.Type.COLLECTION;
        boolean isObj = r.type() == DavPath.Type.OBJECT;
        String key = (Ns.DAV.equals(n.getNamespaceURI()) ? "d:" : Ns.CALDAV.equals(n.getNamespaceURI()) ? "c:"
                : Ns.CARDDAV.equals(n.getNamespaceURI()) ? "card:" : Ns.CS.equals(n.getNamespaceURI()) ? "cs:"
                : Ns.APPLE.equals(n.getNamespaceURI()) ? "ical:" : "?:") + n.getLocalPart();
        switch (key) {
            case "d:resourcetype": {
                XmlOut x = new XmlOut();
                if (!isObj) x.empty(Ns.dav("collection"));
                if (r.type() == DavPath.Type.PRINCIPAL) x.empty(Ns.dav("principal"));
                if (isCol && c.isCalendar()) x.empty(Ns.cal("calendar"));
                if (isCol && c.isAddressBook()) x.empty(Ns.card("addressbook"));
                return el(n, x.toFragment());
            }
            case "d:displayname":
                if (isCol) return text(n, c.displayName() != null ? c.displayName() : c.name());
                if (r.type() == DavPath.Type.PRINCIPAL) return text(n, r.principal().displayName());
                return null;
            case "d:current-user-principal":
                return el(n, href(ctx.hrefs.home(ctx.user)));
            case "d:principal-URL":
                return r.type() == DavPath.Type.PRINCIPAL ? el(n, href(r.href())) : null;
            case "d:principal-collection-set":
                return principalLike ? el(n, href(ctx.hrefs.root())) : null;
            case "d:owner":
                if (isCol || isObj) return el(n, href(ctx.hrefs.home(c.home())));
                return r.type() == DavPath.Type.PRINCIPAL ? el(n, href(r.href())) : null;
            case "c:calendar-home-set":
            case "card:addressbook-home-set":
                return r.type() == DavPath.Type.PRINCIPAL ? el(n, href(r.href())) : null;
            case "c:calendar-user-address-set": {
                if (r.type() != DavPath.Type.PRINCIPAL) return null;
                XmlOut x = new XmlOut();
                for (String e : r.principal().emailAddresses()) x.element(Ns.dav("href"), "mailto:" + e);
                x.element(Ns.dav("href"), r.href());
                return el(n, x.toFragment());
            }
            case "cs:email-address-set": {
                if (r.type() != DavPath.Type.PRINCIPAL) return null;
                XmlOut x = new XmlOut();
                for (String e : r.principal().emailAddresses()) x.element(Ns.cs("email-address"), e);
                return el(n, x.toFragment());
            }
            case "d:supported-report-set":
                return supportedReports(r, ctx);
            case "d:current-user-privilege-set":
                return privileges(r);
            // a plain collection's token would not follow its nested collections: none offered
            case "cs:getctag":
                return isCol && !c.isPlain() ? text(n, c.syncToken()) : null;
            case "d:sync-token":
                return isCol && !c.isPlain() && ctx.backend instanceof SyncSupport ? text(n, c.syncToken()) : null;
            case "c:calendar-description":
                return isCol && c.isCalendar() ? text(n, c.description()) : null;
            case "card:addressbook-description":
                return isCol && c.isAddressBook() ? text(n, c.description()) : null;
            case "ical:calendar-color":
                return isCol && c.isCalendar() ? text(n, c.color()) : null;
            case "ical:calendar-order":
                return isCol && c.isCalendar() && c.order() != null ? text(n, c.order().toString()) : null;
            case "c:supported-calendar-component-set": {
                if (!isCol || !c.isCalendar()) return null;
                XmlOut x = new XmlOut();
                for (String comp : new TreeSet<>(c.components())) x.attrElement(Ns.cal("comp"), "name", comp);
                return el(n, x.toFragment());
            }
            case "c:supported-calendar-data":
                return isCol && c.isCalendar() ? el(n, "<c:calendar-data content-type=\"text/calendar\" version=\"2.0\"/>") : null;
            case "card:supported-address-data":
                return isCol && c.isAddressBook() ? el(n, "<card:address-data-type content-type=\"text/vcard\" version=\"3.0\"/>"
                        + "<card:address-data-type content-type=\"text/vcard\" version=\"4.0\"/>"
                        + "<card:address-data-type content-type=\"application/vcard+json\" version=\"4.0\"/>") : null;
            case "c:max-resource-size":
                return isCol && c.isCalendar() ? text(n, Integer.toString(ctx.config.maxResourceSize())) : null;
            case "card:max-resource-size":
                return isCol && c.isAddressBook() ? text(n, Integer.toString(ctx.config.maxResourceSize())) : null;
            case "d:getetag":
                return isObj ? text(n, r.object().etag()) : null;
            case "d:getcontenttype":
                if (!isObj) return null;
                if (!c.isCalendar()) return text(n, org.switchboard.dav.method.Get.contentType(c, r.object().contentType()));
                return text(n, "text/calendar; charset=utf-8; component=" + r.object().index().componentType().toLowerCase());
            case "d:getcontentlength":
                return isObj ? text(n, Long.toString(r.object().size())) : null;
            default:
                return null;
        }
    }

    private static String supportedReports(Resource r, DavContext ctx) {
        List<QName> reports = new ArrayList<>();
        boolean sync = ctx.backend instanceof SyncSupport;
        switch (r.type()) {
            case COLLECTION -> {
                if (r.collection().isCalendar()) {
                    reports.addAll(List.of(Ns.cal("calendar-query"), Ns.cal("calendar-multiget"), Ns.cal("free-busy-query")));
                } else if (r.collection().isAddressBook()) {
                    reports.addAll(List.of(Ns.card("addressbook-query"), Ns.card("addressbook-multiget")));
                }
                if (sync && !r.collection().isPlain()) reports.add(Ns.dav("sync-collection"));
            }
            case PRINCIPAL -> reports.addAll(List.of(Ns.cal("calendar-multiget"), Ns.card("addressbook-multiget")));
            default -> { }
        }
        XmlOut x = new XmlOut();
        for (QName q : reports) {
            x.open(Ns.dav("supported-report")).open(Ns.dav("report")).empty(q).close(Ns.dav("report")).close(Ns.dav("supported-report"));
        }
        return el(Ns.dav("supported-report-set"), x.toFragment());
    }

    private static String privileges(Resource r) {
        XmlOut x = new XmlOut();
        List<QName> privs = new ArrayList<>(List.of(Ns.dav("read"), Ns.dav("read-current-user-privilege-set")));
        boolean write = r.access() != null && r.access().canWrite() && (r.collection() == null || !r.collection().readOnly());
        if (r.collection() != null && r.collection().isCalendar()) privs.add(Ns.cal("read-free-busy"));
        if (write) privs.addAll(List.of(Ns.dav("write"), Ns.dav("write-content"), Ns.dav("write-properties"),
                Ns.dav("bind"), Ns.dav("unbind")));
        for (QName p : privs) x.open(Ns.dav("privilege")).empty(p).close(Ns.dav("privilege"));
        return el(Ns.dav("current-user-privilege-set"), x.toFragment());
    }
}
