package org.switchboard.dav.method;

import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.spi.WriteCondition;

/** {@code If-Match} / {@code If-None-Match} (RFC 9110 §13.1) as a {@link WriteCondition}. */
final class Conditions {
    private Conditions() {}

    static WriteCondition of(DavContext ctx, String currentEtagIfKnown) throws DavException {
        String ifMatch = ctx.req.getHeader("If-Match");
        String ifNoneMatch = ctx.req.getHeader("If-None-Match");
        String match = null;
        if (ifMatch != null) {
            match = firstTag(ifMatch);
            // a weak tag never matches in a strong comparison: nothing can satisfy it
            if (match == null) match = "\"\u0000never\"";
        }
        boolean mustNotExist = false;
        if (ifNoneMatch != null) {
            if (ifNoneMatch.trim().equals("*")) {
                mustNotExist = true;
            } else if (currentEtagIfKnown != null && ifNoneMatch.contains(currentEtagIfKnown)) {
                throw new DavException(412, "If-None-Match");
            }
        }
        return new WriteCondition(match, mustNotExist);
    }

    /** The first strong entity tag of a list, "*" for "*", or null if none is strong. */
    static String firstTag(String header) {
        String h = header.trim();
        if (h.equals("*")) return "*";
        for (String part : h.split(",")) {
            String t = part.trim();
            if (t.startsWith("W/")) continue;
            if (!t.startsWith("\"")) t = "\"" + t + "\"";
            return t;
        }
        return null;
    }
}
