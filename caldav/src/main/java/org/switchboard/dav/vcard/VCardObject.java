package org.switchboard.dav.vcard;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.spi.ObjectIndex;
import org.switchboard.dav.xml.Ns;

/** A parsed vCard resource (RFC 6352 §5.1): exactly one vCard, with FN; UID used for no-uid-conflict. */
public final class VCardObject {
    private final String text;
    private final VCard vcard;

    private VCardObject(String text, VCard vcard) {
        this.text = text;
        this.vcard = vcard;
    }

    public static VCardObject parse(byte[] data) throws InvalidObjectException {
        String text = new String(data, StandardCharsets.UTF_8);
        if (!text.regionMatches(true, 0, "BEGIN:VCARD", 0, 11) && !text.stripLeading().regionMatches(true, 0, "BEGIN:VCARD", 0, 11)) {
            throw new InvalidObjectException(Ns.card("valid-address-data"), "not a vCard");
        }
        List<VCard> cards;
        try {
            cards = Ezvcard.parse(text).all();
        } catch (Exception e) {
            throw new InvalidObjectException(Ns.card("valid-address-data"), "unparseable vCard: " + e.getMessage());
        }
        if (cards.size() != 1) {
            throw new InvalidObjectException(Ns.card("valid-address-data"), "expected one vCard, found " + cards.size());
        }
        VCard card = cards.get(0);
        if (card.getVersion() != VCardVersion.V2_1 && card.getFormattedName() == null) {
            throw new InvalidObjectException(Ns.card("valid-address-data"), "vCard without FN");
        }
        return new VCardObject(text, card);
    }

    public String text() { return text; }

    public String uid() { return vcard.getUid() == null ? null : vcard.getUid().getValue(); }

    public VCardVersion version() { return vcard.getVersion(); }

    public ObjectIndex index() { return new ObjectIndex("VCARD", uid(), null, null); }

    /**
     * The vCard in the requested media type and version (RFC 6352 §10.4 address-data): the stored text
     * when it already matches, else converted by ez-vcard.
     */
    public String render(String contentType, String version) {
        if ("application/vcard+json".equalsIgnoreCase(contentType)) return Ezvcard.writeJson(vcard).go();
        if (version == null || version.equals(vcard.getVersion().getVersion())) return text;
        VCardVersion v = VCardVersion.valueOfByStr(version);
        if (v == null) return text;
        return Ezvcard.write(vcard).version(v).prodId(false).go();
    }
}
