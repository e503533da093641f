package org.switchboard.server.partner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A partner as an Outlook contact, both ways. A person's name is split into First and Last Name at the last
 * space (and joined back with the middle name and suffix); a company is a contact with only a Company.
 * The business address comes first; the home address stands in for a contact that has no business one.
 */
final class OutlookContact {
    private static final String[] EMAIL_COLUMNS = {"E-mail Address", "E-mail 2 Address", "E-mail 3 Address"};
    private static final String[] EMAIL_TYPES = {"E-mail Type", "E-mail 2 Type", "E-mail 3 Type"};

    private OutlookContact() {
    }

    /** The values of the partner's row, by Outlook column. */
    static Map<String, String> row(Partner p) {
        Map<String, String> v = new LinkedHashMap<>();
        if (p.kind() == PartnerKind.PERSON) {
            int space = p.name().lastIndexOf(' ');
            v.put("First Name", space < 0 ? p.name() : p.name().substring(0, space));
            v.put("Last Name", space < 0 ? "" : p.name().substring(space + 1));
            v.put("Company", p.companyName());
        } else {
            v.put("Company", p.name());
        }
        v.put("Job Title", p.jobTitle());
        v.put("Business Street", p.street());
        v.put("Business City", p.city());
        v.put("Business Postal Code", p.zip());
        v.put("Business Country/Region", p.country());
        v.put("Business Phone", p.phone());
        v.put("Mobile Phone", p.mobile());
        for (int i = 0; i < EMAIL_COLUMNS.length && i < p.emails().size(); i++) {
            v.put(EMAIL_COLUMNS[i], p.emails().get(i));
            v.put(EMAIL_TYPES[i], "SMTP");
            // Outlook's own form: "Name (address)".
            v.put(EMAIL_COLUMNS[i].replace("Address", "Display Name"), p.name() + " (" + p.emails().get(i) + ")");
        }
        v.put("Categories", String.join(";", p.categories()));
        v.put("Notes", p.notes());
        v.put("Web Page", p.website());
        return v;
    }

    /** What a row says about a contact; null where it says nothing. */
    record Read(String name, String company, List<String> emails, String jobTitle, String phone, String mobile, String street,
            String zip, String city, String country, String website, List<String> categories, String notes) {

        boolean isCompany() {
            return name == null && company != null;
        }
    }

    static Read read(OutlookCsv.Row r) {
        String name = join(" ", r.get("First Name"), r.get("Middle Name"), r.get("Last Name"), r.get("Suffix"));
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < EMAIL_COLUMNS.length; i++) {
            String address = r.get(EMAIL_COLUMNS[i]);
            // Exchange-internal (X.500) addresses are no mail address outside that Exchange: left out.
            if (address != null && !"EX".equalsIgnoreCase(r.get(EMAIL_TYPES[i])) && !address.startsWith("/o=")) {
                emails.add(address);
            }
        }
        if (name == null && r.get("Company") == null && !emails.isEmpty()) {
            String display = r.get("E-mail Display Name");
            name = display != null && !display.contains("@") ? display : emails.get(0);
        }
        boolean business = Stream.of("Business Street", "Business City", "Business Postal Code", "Business Country/Region")
                .anyMatch(c -> r.get(c) != null);
        String place = business ? "Business" : "Home";
        String phone = Stream.of("Business Phone", "Company Main Phone", "Primary Phone", "Home Phone").map(r::get)
                .filter(Objects::nonNull).findFirst().orElse(null);
        List<String> categories = r.get("Categories") == null ? List.of()
                : Arrays.stream(r.get("Categories").split("[;,]")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        return new Read(name, r.get("Company"), emails, r.get("Job Title"), phone, r.get("Mobile Phone"),
                join(", ", r.get(place + " Street"), r.get(place + " Street 2"), r.get(place + " Street 3")), r.get(place + " Postal Code"),
                r.get(place + " City"), r.get(place + " Country/Region"), r.get("Web Page"), categories, r.get("Notes"));
    }

    private static String join(String separator, String... parts) {
        String joined = Arrays.stream(parts).filter(Objects::nonNull).collect(Collectors.joining(separator));
        return joined.isEmpty() ? null : joined;
    }
}
