package org.switchboard.server.phonecall;

import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Phone numbers in E.164 (+33123456789), so the same number typed two ways matches one partner. Numbers
 * without a country code are read in the default region ({@code switchboard.calls.default-region}).
 */
@Component
public class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public PhoneNumbers(@Value("${switchboard.calls.default-region:FR}") String defaultRegion) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    }

    /** E.164, or empty when the text is not a possible phone number. */
    public Optional<String> e164(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(text.trim(), defaultRegion);
            // "Possible" (right length for the country) rather than "valid": new number ranges appear faster than
            // library releases, and a call list must not reject a real customer's number.
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** E.164 when it parses, else the text as typed (a logged call keeps whatever the user wrote). */
    public String normalizeOrKeep(String text) {
        return e164(text).orElse(text == null || text.isBlank() ? null : text.trim());
    }
}
