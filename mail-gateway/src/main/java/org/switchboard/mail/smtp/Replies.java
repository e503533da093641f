package org.switchboard.mail.smtp;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/** The replies this gateway gives beyond James's defaults. Codes per RFC 5321 §4.2.2, enhanced per RFC 3463. */
final class Replies {

    private Replies() {
    }

    static HookResult ok(String text) {
        return result(HookReturnCode.ok(), "250", text);
    }

    static HookResult unknownRecipient(String address) {
        return result(HookReturnCode.deny(), "550", "5.1.1 <" + address + ">: no such recipient here");
    }

    static HookResult tryLater(String what) {
        return result(HookReturnCode.denySoft(), "451", "4.3.0 " + what + ", please try again later");
    }

    static HookResult tooBig() {
        return result(HookReturnCode.deny(), "552", "5.3.4 Message size exceeds fixed maximum message size");
    }

    static HookResult rejected(String code, String text) {
        return result(HookReturnCode.deny(), code, text);
    }

    private static HookResult result(HookReturnCode code, String smtpCode, String text) {
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(text).build();
    }
}
