package org.switchboard.server.contact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import ezvcard.VCard;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.Email;
import ezvcard.property.RawProperty;
import ezvcard.property.Telephone;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerKind;
import org.switchboard.server.storage.Categories;
import org.switchboard.server.storage.ColumnText;

/**
 * What a card and a partner share, normalised the same way from both sides so that equal means "nothing to
 * tell the other side". Read from an untrusted vCard with the API's limits (docs/adr/0011): texts are cut,
 * at most 10 valid emails and 20 categories are kept, anything unreadable is left out rather than refused.
 *
 * @param org the company a person belongs to (ORG); null for a company, whose ORG is its own name
 */
record CardFields(PartnerKind kind, String name, String org, String jobTitle, List<String> emails, String phone, String mobile,
        String street, String zip, String city, String country, String website, List<String> categories, String notes) {

    static final String APPLE_KIND = "X-ADDRESSBOOKSERVER-KIND";

    static CardFields of(Partner p) {
        return new CardFields(p.kind(), text(p.name(), 200), p.kind() == PartnerKind.PERSON ? text(p.companyName(), 200) : null,
                text(p.jobTitle(), 128), emails(p.emails()), text(p.phone(), 40), text(p.mobile(), 40), text(p.street(), 200),
                text(p.zip(), 20), text(p.city(), 100), text(p.country(), 100), text(p.website(), 300), categories(p.categories()),
                text(p.notes(), 10000));
    }

    static CardFields of(VCard card) {
        PartnerKind kind = isOrganization(card) ? PartnerKind.COMPANY : PartnerKind.PERSON;
        String name = card.getFormattedName() == null ? null : text(card.getFormattedName().getValue(), 200);
        String org = null;
        if (kind == PartnerKind.PERSON && card.getOrganization() != null && !card.getOrganization().getValues().isEmpty()) {
            org = text(card.getOrganization().getValues().get(0), 200);
        }
        String title = card.getTitles().isEmpty() ? null : text(card.getTitles().get(0).getValue(), 128);
        List<String> emails = new ArrayList<>();
        for (Email e : card.getEmails()) {
            emails.add(e.getValue());
        }
        String phone = null;
        String mobile = null;
        for (Telephone t : card.getTelephoneNumbers()) {
            String number = t.getText() != null ? t.getText() : t.getUri() != null ? t.getUri().getNumber() : null;
            if (number == null || number.isBlank()) {
                continue;
            }
            if (t.getTypes().contains(TelephoneType.CELL)) {
                mobile = mobile == null ? number : mobile;
            } else if (!t.getTypes().contains(TelephoneType.FAX)) {
                phone = phone == null ? number : phone;
            }
        }
        Address a = card.getAddresses().isEmpty() ? null : card.getAddresses().get(0);
        String website = card.getUrls().isEmpty() ? null : card.getUrls().get(0).getValue();
        String notes = card.getNotes().isEmpty() ? null : card.getNotes().get(0).getValue();
        List<String> categories = new ArrayList<>();
        for (ezvcard.property.Categories c : card.getCategoriesList()) {
            categories.addAll(c.getValues());
        }
        return new CardFields(kind, name, org, title, emails(emails), text(phone, 40), text(mobile, 40),
                a == null ? null : text(a.getStreetAddress(), 200), a == null ? null : text(a.getPostalCode(), 20),
                a == null ? null : text(a.getLocality(), 100), a == null ? null : text(a.getCountry(), 100), text(website, 300),
                categories(categories), text(notes, 10000));
    }

    /** KIND:org (vCard 4.0) or Apple's X-ADDRESSBOOKSERVER-KIND:org (3.0). */
    static boolean isOrganization(VCard card) {
        if (card.getKind() != null && card.getKind().isOrg()) {
            return true;
        }
        RawProperty apple = card.getExtendedProperty(APPLE_KIND);
        return apple != null && "org".equalsIgnoreCase(apple.getValue().trim());
    }

    /** A contact group (KIND:group, Apple's group cards): a list of members, not a partner. */
    static boolean isGroup(VCard card) {
        if (card.getKind() != null && card.getKind().isGroup()) {
            return true;
        }
        RawProperty apple = card.getExtendedProperty(APPLE_KIND);
        return apple != null && "group".equalsIgnoreCase(apple.getValue().trim());
    }

    boolean sameAddress(CardFields o) {
        return Objects.equals(street, o.street) && Objects.equals(zip, o.zip) && Objects.equals(city, o.city)
                && Objects.equals(country, o.country);
    }

    boolean samePhones(CardFields o) {
        return Objects.equals(phone, o.phone) && Objects.equals(mobile, o.mobile);
    }

    private static String text(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return ColumnText.shorten(s.strip(), max);
    }

    private static List<String> emails(List<String> all) {
        Set<String> out = new LinkedHashSet<>();
        for (String e : all) {
            if (e != null && EmailAddress.isValid(e) && e.strip().length() <= 254 && out.size() < 10) {
                out.add(e.strip());
            }
        }
        return List.copyOf(out);
    }

    private static List<String> categories(List<String> all) {
        List<String> clean = new ArrayList<>();
        for (String c : all) {
            if (c != null) {
                String s = c.strip().toLowerCase(Locale.ROOT);
                clean.add(s.length() > 40 ? s.substring(0, 40) : s);
            }
        }
        List<String> sorted = Categories.decode(Categories.encode(clean));
        return sorted.size() > 20 ? List.copyOf(sorted.subList(0, 20)) : sorted;
    }
}
