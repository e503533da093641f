package org.switchboard.dav.spi;

/**
 * The precondition of a write, from {@code If-Match} / {@code If-None-Match}. The backend checks it
 * atomically with the write.
 *
 * @param ifMatch       the write happens only if the current ETag equals this (null: no check)
 * @param mustNotExist  {@code If-None-Match: *}: the write happens only if the object does not exist
 */
public record WriteCondition(String ifMatch, boolean mustNotExist) {
    public static final WriteCondition NONE = new WriteCondition(null, false);

    public boolean accepts(String currentEtag) {
        if (mustNotExist && currentEtag != null) return false;
        return ifMatch == null || ifMatch.equals(currentEtag) || ("*".equals(ifMatch) && currentEtag != null);
    }
}
