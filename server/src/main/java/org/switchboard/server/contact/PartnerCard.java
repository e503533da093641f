package org.switchboard.server.contact;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.Email;
import ezvcard.property.Kind;
import ezvcard.property.Note;
import ezvcard.property.Organization;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Title;
import ezvcard.property.Uid;
import ezvcard.property.Url;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerKind;

/**
 * A partner's vCard. A new card is vCard 3.0 (what Apple, Outlook CalDav Synchronizer and khard read
 * best; clients asking for 4.0 get it converted by the engine's address-data negotiation). An existing
 * card — maybe written by a client — is changed only where the CRM now says something else, field by
 * field: a changed phone replaces the TELs, and the PHOTO, X- properties, birthdays and anything else the
 * CRM does not know stay as they were.
 */
final class PartnerCard {
    private static final String APPLE_SHOW_AS = "X-ABSHOWAS";

    private PartnerCard() {
    }

    /**
     * The card's bytes with the partner's fields, or null when {@code stored} already says what the partner
     * does (so its bytes, and its ETag, stay).
     *
     * @param stored the card as stored, or null for a new one
     */
    static byte[] render(Partner p, String uid, byte[] stored) {
        VCard card = stored == null ? null : parse(stored);
        boolean fresh = card == null;
        if (fresh) {
            card = new VCard(VCardVersion.V3_0);
            card.setUid(new Uid(uid));
        }
        CardFields was = fresh ? null : CardFields.of(card);
        CardFields now = CardFields.of(p);
        if (now.equals(was)) {
            return null;
        }
        if (fresh || was.kind() != now.kind() || !Objects.equals(was.name(), now.name())) {
            setName(card, now);
        }
        if (fresh || was.kind() != now.kind() || !Objects.equals(was.org(), now.org()) || !Objects.equals(was.name(), now.name())) {
            setKindAndOrganization(card, now);
        }
        if (fresh || !Objects.equals(was.jobTitle(), now.jobTitle())) {
            card.removeProperties(Title.class);
            if (now.jobTitle() != null) {
                card.addTitle(now.jobTitle());
            }
        }
        if (fresh || !was.emails().equals(now.emails())) {
            card.removeProperties(Email.class);
            for (String e : now.emails()) {
                card.addEmail(e, EmailType.WORK);
            }
        }
        if (fresh || !was.samePhones(now)) {
            card.removeProperties(Telephone.class);
            if (now.phone() != null) {
                card.addTelephoneNumber(now.phone(), TelephoneType.WORK, TelephoneType.VOICE);
            }
            if (now.mobile() != null) {
                card.addTelephoneNumber(now.mobile(), TelephoneType.CELL);
            }
        }
        if (fresh || !was.sameAddress(now)) {
            card.removeProperties(Address.class);
            if (now.street() != null || now.zip() != null || now.city() != null || now.country() != null) {
                Address a = new Address();
                a.setStreetAddress(now.street());
                a.setPostalCode(now.zip());
                a.setLocality(now.city());
                a.setCountry(now.country());
                card.addAddress(a);
            }
        }
        if (fresh || !Objects.equals(was.website(), now.website())) {
            card.removeProperties(Url.class);
            if (now.website() != null) {
                card.addUrl(now.website());
            }
        }
        if (fresh || !Objects.equals(was.notes(), now.notes())) {
            card.removeProperties(Note.class);
            if (now.notes() != null) {
                card.addNote(now.notes());
            }
        }
        if (fresh || !was.categories().equals(now.categories())) {
            card.removeProperties(ezvcard.property.Categories.class);
            if (!now.categories().isEmpty()) {
                card.setCategories(now.categories().toArray(String[]::new));
            }
        }
        return Ezvcard.write(card).version(card.getVersion()).prodId(false).go().getBytes(StandardCharsets.UTF_8);
    }

    /** The card as ez-vcard reads it, or null when it cannot (the engine validated it, so only in theory). */
    static VCard parse(byte[] data) {
        try {
            List<VCard> all = Ezvcard.parse(new String(data, StandardCharsets.UTF_8)).all();
            return all.size() == 1 ? all.get(0) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** FN and N; a person's N splits the CRM's one name: the last word is the family name, as most clients split it. */
    private static void setName(VCard card, CardFields now) {
        card.setFormattedName(now.name());
        StructuredName n = new StructuredName();
        if (now.kind() == PartnerKind.PERSON) {
            String name = now.name().strip();
            int space = name.lastIndexOf(' ');
            n.setFamily(space < 0 ? name : name.substring(space + 1));
            if (space > 0) {
                n.setGiven(name.substring(0, space));
            }
        }
        card.setStructuredName(n);
    }

    /** A company is KIND:org (4.0) or Apple's X- properties (3.0), ORG its own name; a person's ORG is her company. */
    private static void setKindAndOrganization(VCard card, CardFields now) {
        card.removeProperties(Organization.class);
        card.removeExtendedProperty(CardFields.APPLE_KIND);
        card.removeExtendedProperty(APPLE_SHOW_AS);
        card.removeProperties(Kind.class);
        if (now.kind() == PartnerKind.COMPANY) {
            card.setOrganization(now.name());
            if (card.getVersion() == VCardVersion.V4_0) {
                card.setKind(Kind.org());
            } else {
                card.addExtendedProperty(CardFields.APPLE_KIND, "org");
                card.addExtendedProperty(APPLE_SHOW_AS, "COMPANY");
            }
        } else if (now.org() != null) {
            card.setOrganization(now.org());
        }
    }
}
