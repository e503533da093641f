package org.switchboard.mail.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class MessageParserTest {

    private final MessageParser parser = new MessageParser();

    static ParsedMessage parse(MessageParser parser, String raw) throws MessageParseException {
        return parser.parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void headersAreDecoded() throws Exception {
        ParsedMessage message = parse(parser, ""
                + "Message-ID: <m1@customer.example>\r\n"
                + "In-Reply-To: <out-7@crm.example.com>\r\n"
                + "References: <a@x.example>\r\n <out-7@crm.example.com>\r\n"
                + "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <Juergen@Customer.example>\r\n"
                + "To: Sales <sales@crm.example.com>, support@crm.example.com\r\n"
                + "Cc: boss@customer.example\r\n"
                + "Subject: =?UTF-8?B?QW5mcmFnZTogR3LDvMOfZQ==?=\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0100\r\n"
                + "\r\n"
                + "Hello\r\n");
        assertEquals("m1@customer.example", message.messageId().orElseThrow());
        assertEquals("out-7@crm.example.com", message.inReplyTo().orElseThrow());
        assertEquals(List.of("a@x.example", "out-7@crm.example.com"), message.references());
        assertEquals(new Mailbox("Jürgen Müller", "juergen@customer.example"), message.from().orElseThrow());
        assertEquals(2, message.to().size());
        assertEquals("boss@customer.example", message.cc().get(0).address());
        assertEquals("Anfrage: Grüße", message.subject(), "RFC 2047 B-encoding");
        assertEquals("2026-11-27T09:00:00Z", message.date().orElseThrow().toString());
        assertEquals("Hello\r\n", message.textBody());
    }

    @Test
    void automationHeadersAreExposed() throws Exception {
        ParsedMessage message = parse(parser, "Auto-Submitted: auto-replied\r\nPrecedence: bulk\r\n"
                + "List-Id: Sales <sales.lists.example>\r\nX-Loop: crm\r\nX-Switchboard-Loop: node1\r\n\r\nbody");
        assertEquals("auto-replied", message.automation().autoSubmitted().orElseThrow());
        assertEquals("bulk", message.automation().precedence().orElseThrow());
        assertEquals("Sales <sales.lists.example>", message.automation().listId().orElseThrow());
        assertEquals(List.of("crm"), message.automation().xLoop());
        assertEquals(List.of("node1"), message.automation().ourLoop());
    }

    @Test
    void htmlIsSanitisedAndCidImagesPointAtTheirAttachment() throws Exception {
        String png = "iVBORw0KGgo=";
        ParsedMessage message = parse(parser, ""
                + "Content-Type: multipart/related; boundary=rel\r\n\r\n"
                + "--rel\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nplain version\r\n"
                + "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + "<p onclick=\"steal()\" style=\"position:fixed;top:0\">Hi<script>alert(1)</script><img src=\"cid:logo@x\"><img src=\"cid:missing@x\"></p>\r\n"
                + "--alt--\r\n"
                + "--rel\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + png + "\r\n--rel--\r\n");
        String html = message.htmlBody().orElseThrow();
        assertFalse(html.contains("script"), html);
        assertFalse(html.contains("onclick"), html);
        assertFalse(html.contains("position"), "no CSS that could overlay the CRM: " + html);
        Attachment logo = message.attachments().get(0);
        assertTrue(html.contains("src=\"attachment:" + logo.sha256() + "\""), html);
        assertFalse(html.contains("missing"), "an unresolved cid is removed: " + html);
        assertTrue(logo.inline());
        assertEquals("plain version", message.textBody(), "RFC 2046 §5.1.1: the CRLF before a boundary belongs to it");
        assertEquals(sha256(java.util.Base64.getDecoder().decode(png)), logo.sha256());
    }

    @Test
    void attachmentNamesInRfc2231AndRfc2047AreDecodedAndHashed() throws Exception {
        ParsedMessage message = parse(parser, ""
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--b\r\nContent-Type: application/pdf\r\n"
                + "Content-Disposition: attachment; filename*=UTF-8''Angebot%20f%C3%BCr%20M%C3%BCller.pdf\r\n\r\n"
                + "PDFDATA\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=\"=?UTF-8?Q?R=C3=A9sum=C3=A9.txt?=\"\r\n\r\n"
                + "cv\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"../../etc/passwd\"\r\n\r\n"
                + "root\r\n"
                + "--b--\r\n");
        assertEquals(3, message.attachments().size());
        Attachment pdf = message.attachments().get(0);
        assertEquals("Angebot für Müller.pdf", pdf.filename());
        assertEquals("application/pdf", pdf.contentType());
        assertEquals(sha256("PDFDATA".getBytes(StandardCharsets.US_ASCII)), pdf.sha256());
        assertEquals("Résumé.txt", message.attachments().get(1).filename());
        assertEquals("passwd", message.attachments().get(2).filename(), "no path survives");
        assertEquals("see attached", message.textBody());
    }

    @Test
    void aDeliveryStatusNotificationIsRead() throws Exception {
        ParsedMessage message = parse(parser, ""
                + "From: MAILER-DAEMON@mx.customer.example\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n"
                + "--r\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                + "--r\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.customer.example\r\n\r\n"
                + "Final-Recipient: rfc822; Gone@Customer.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
                + "--r\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "Message-ID: <outbox-42@crm.example.com>\r\nSubject: Your quote\r\n\r\n"
                + "--r--\r\n");
        DeliveryReport report = message.deliveryReport().orElseThrow();
        assertEquals("outbox-42@crm.example.com", report.originalMessageId().orElseThrow());
        assertEquals(1, report.recipients().size());
        assertEquals("gone@customer.example", report.recipients().get(0).finalRecipient());
        assertTrue(report.recipients().get(0).failed());
    }

    @Test
    void aForwardedMessageBecomesAnEmlAttachment() throws Exception {
        ParsedMessage message = parse(parser, ""
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nFYI\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: Original\r\n\r\ninner body\r\n"
                + "--b--\r\n");
        assertEquals("Original.eml", message.attachments().get(0).filename());
        assertTrue(message.deliveryReport().isEmpty());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
