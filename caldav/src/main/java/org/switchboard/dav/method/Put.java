package org.switchboard.dav.method;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.ical.TooManyInstancesException;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.ObjectIndex;
import org.switchboard.dav.spi.WriteCondition;
import org.switchboard.dav.spi.WriteResult;
import org.switchboard.dav.vcard.VCardObject;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.XmlOut;

/**
 * PUT of a calendar object (RFC 4791 §5.3.2) or vCard (RFC 6352 §6.3.2). The body is validated, indexed
 * and stored as received; nothing is stored when a precondition fails. Without If-Match the write is
 * unconditional (Thunderbird); {@code If-None-Match: *} and {@code If-Match} give 412 when they fail.
 */
public final class Put implements MethodHandler {

    @Override
    public void handle(DavContext ctx) throws DavException, IOException {
        if (ctx.path.type() != DavPath.Type.OBJECT) throw new DavException(405, "PUT needs an object URL");
        DavCollection c;
        try {
            c = ctx.collection(ctx.path);
        } catch (DavException e) {
            // RFC 4918 §9.7.1: a missing parent collection is 409
            if (e.status() == 404) throw new DavException(409, "no such collection");
            throw e;
        }
        ctx.requireWrite(c);
        if (ctx.path.object().length() > Mkcalendar.MAX_NAME) {
            throw new DavException(400, "name longer than " + Mkcalendar.MAX_NAME + " characters");
        }
        if (c.isPlain()) {
            putFile(ctx, c);
            return;
        }
        boolean cal = c.isCalendar();
        String ns = cal ? Ns.CALDAV : Ns.CARDDAV;
        checkContentType(ctx.req.getContentType(), cal);
        byte[] data = ctx.body(ctx.config.maxResourceSize(), new QName(ns, "max-resource-size"));
        ObjectIndex index;
        if (!isUtf8(data)) {
            // RFC 5545 §6 and RFC 6350 §3.1: UTF-8; a broken encoding is refused rather than stored
            throw new DavException(403, cal ? Ns.cal("valid-calendar-data") : Ns.card("valid-address-data"), "body is not UTF-8");
        }
        try {
            if (cal) {
                ICalObject obj = ICalObject.parse(data);
                // RFC 4791 §5.3.2.1: the component type must be one the calendar accepts
                if (!c.components().contains(obj.componentType())) {
                    throw new DavException(403, Ns.cal("supported-calendar-component"),
                            obj.componentType() + " not accepted by this calendar");
                }
                index = obj.index(ctx.config.maxInstances());
                try {
                    // a rule that cannot be expanded over a year within the bound is refused up front
                    java.time.Instant first = index.firstStart();
                    if (first != null) obj.instances(first, first.plusSeconds(366L * 86_400), ctx.config.maxInstances());
                } catch (TooManyInstancesException e) {
                    throw new DavException(403, Ns.cal("max-instances"), e.getMessage());
                }
            } else {
                index = VCardObject.parse(data).index();
            }
        } catch (InvalidObjectException e) {
            throw new DavException(403, e.precondition(), e.getMessage());
        }
        String name = ctx.path.object();
        if (index.uid() != null) {
            Optional<DavObjectInfo> other = ctx.backend.findByUid(c, index.uid());
            if (other.isPresent() && !other.get().name().equals(name)) throw uidConflict(ctx, c, other.get().name(), ns);
        }
        WriteCondition cond = Conditions.of(ctx, currentEtag(ctx, c, name));
        WriteResult r = ctx.backend.put(c, new DavObject(name, etag(data), data, index), cond);
        if (r.status() == WriteResult.Status.UID_CONFLICT) throw uidConflict(ctx, c, r.conflictingName(), ns);
        answer(ctx, c, name, r);
    }

    /**
     * A file of a plain collection (RFC 4918 §9.7): any bytes within {@code maxResourceSize}, stored with the
     * Content-Type they came with (application/octet-stream when none) and never parsed.
     */
    private static void putFile(DavContext ctx, DavCollection c) throws DavException, IOException {
        String type = MediaType.of(ctx.req.getHeader("Content-Type"));
        byte[] data = ctx.body(ctx.config.maxResourceSize(), null);
        String name = ctx.path.object();
        WriteCondition cond = Conditions.of(ctx, currentEtag(ctx, c, name));
        answer(ctx, c, name, ctx.backend.put(c, new DavObject(name, etag(data), data, null, type), cond));
    }

    private static void answer(DavContext ctx, DavCollection c, String name, WriteResult r) throws DavException {
        switch (r.status()) {
            case CREATED -> {
                ctx.resp.setHeader("ETag", r.etag());
                ctx.resp.setHeader("Location", ctx.hrefs.object(c, name));
                ctx.status(201);
            }
            case UPDATED -> {
                ctx.resp.setHeader("ETag", r.etag());
                ctx.status(204);
            }
            case PRECONDITION_FAILED -> throw new DavException(412, "precondition failed");
            // the collection was deleted between the look-up and the write
            case NOT_FOUND -> throw new DavException(409, "no such collection");
            default -> throw new DavException(500, "unexpected write result " + r.status());
        }
    }

    private static String currentEtag(DavContext ctx, DavCollection c, String name) {
        String inm = ctx.req.getHeader("If-None-Match");
        if (inm == null || inm.trim().equals("*")) return null;
        return ctx.backend.get(c, name).map(DavObject::etag).orElse(null);
    }

    private static DavException uidConflict(DavContext ctx, DavCollection c, String existing, String ns) {
        String detail = new XmlOut().element(Ns.dav("href"), ctx.hrefs.object(c, existing)).toFragment();
        return new DavException(403, new QName(ns, "no-uid-conflict"), detail, "UID already used by " + existing);
    }

    /** 415 for a body that is clearly not the collection's media type; no Content-Type is tolerated. */
    private static void checkContentType(String type, boolean cal) throws DavException {
        if (type == null) return;
        String t = type.toLowerCase().split(";")[0].trim();
        if (t.isEmpty() || t.equals("application/octet-stream")) return;
        boolean ok = cal ? t.equals("text/calendar") : (t.equals("text/vcard") || t.equals("text/x-vcard") || t.equals("text/directory"));
        if (!ok) {
            QName pre = cal ? Ns.cal("supported-calendar-data") : Ns.card("supported-address-data");
            throw new DavException(415, pre, "unsupported media type " + t);
        }
    }

    static boolean isUtf8(byte[] data) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(data));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** A strong ETag from the content: the same bytes always give the same tag. */
    public static String etag(byte[] data) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(data);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
