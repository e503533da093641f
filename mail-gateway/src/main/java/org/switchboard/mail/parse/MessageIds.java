package org.switchboard.mail.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** msg-id lists (RFC 5322 §3.6.4): {@code <left@right>} items, returned without brackets. */
public final class MessageIds {

    private static final Pattern MSG_ID = Pattern.compile("<([^<>\\s]{1,250})>");
    private static final int MAX_REFERENCES = 100;

    private MessageIds() {
    }

    public static List<String> all(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        Matcher matcher = MSG_ID.matcher(value);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        // keep the newest: the tail of References is the direct ancestry
        return ids.size() > MAX_REFERENCES ? new ArrayList<>(ids.subList(ids.size() - MAX_REFERENCES, ids.size())) : ids;
    }

    public static Optional<String> first(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = MSG_ID.matcher(value);
        if (matcher.find()) {
            return Optional.of(matcher.group(1));
        }
        String bare = value.strip();
        return bare.isEmpty() || bare.contains(" ") || bare.length() > 250 ? Optional.empty() : Optional.of(bare);
    }
}
