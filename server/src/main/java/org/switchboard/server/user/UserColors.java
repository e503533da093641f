package org.switchboard.server.user;

/**
 * The colour a user gets when nobody chose one: the web calendar draws each user's entries in her colour
 * and CalDAV clients show her calendar in it, so two users should rarely share one. Dark enough for white
 * type on it and for coloured type on white.
 */
final class UserColors {
    private static final String[] PALETTE = {"#3465a4", "#4e9a06", "#cc0000", "#75507b", "#c17d11", "#06989a", "#f57900", "#204a87",
        "#5c3566", "#a40000", "#8f5902", "#2e3436"};

    private UserColors() {
    }

    /** The colour of the {@code existingUsers + 1}-th user. */
    static String next(long existingUsers) {
        return PALETTE[(int) (existingUsers % PALETTE.length)];
    }
}
