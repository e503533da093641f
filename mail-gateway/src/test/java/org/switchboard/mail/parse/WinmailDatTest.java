package org.switchboard.mail.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Outlook's winmail.dat (TNEF) is unpacked into the files it carries. */
class WinmailDatTest {

    /** A minimal TNEF stream: signature, key, then attributes (level, id, length, data, checksum). */
    static byte[] tnef(String filename, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(0x223E9F78).putShort((short) 1).array());
        attribute(out, 2, 0x00069002, new byte[14]);                                       // attAttachRendData
        attribute(out, 2, 0x00018010, (filename + "\0").getBytes(StandardCharsets.US_ASCII)); // attAttachTitle
        attribute(out, 2, 0x0006800F, content.getBytes(StandardCharsets.US_ASCII));         // attAttachData
        return out.toByteArray();
    }

    private static void attribute(ByteArrayOutputStream out, int level, int id, byte[] data) {
        int checksum = 0;
        for (byte b : data) {
            checksum += b & 0xff;
        }
        out.writeBytes(ByteBuffer.allocate(11 + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) level).putInt(id).putInt(data.length).put(data).putShort((short) checksum).array());
    }

    private static String message(byte[] winmail) {
        return "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nSee attachment\r\n"
                + "--b\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(winmail) + "\r\n--b--\r\n";
    }

    @Test
    void theFilesInsideWinmailDatBecomeAttachments() throws Exception {
        ParsedMessage message = MessageParserTest.parse(new MessageParser(), message(tnef("report.txt", "quarterly figures")));
        assertEquals(1, message.attachments().size());
        Attachment report = message.attachments().get(0);
        assertEquals("report.txt", report.filename());
        assertEquals("quarterly figures", new String(report.content().orElseThrow(), StandardCharsets.US_ASCII));
        assertEquals(MessageParserTest.sha256("quarterly figures".getBytes(StandardCharsets.US_ASCII)), report.sha256());
    }

    @Test
    void aBrokenWinmailDatIsKeptAsItIs() throws Exception {
        ParsedMessage message = MessageParserTest.parse(new MessageParser(), message("not tnef at all".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("winmail.dat", message.attachments().get(0).filename());
        assertTrue(message.problems().stream().anyMatch(p -> p.contains("winmail.dat")), message.problems().toString());
    }
}
