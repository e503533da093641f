package org.switchboard.mail.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.hmef.HMEFMessage;

/** Unpacks Outlook's winmail.dat (application/ms-tnef) into the files it carries, with Apache POI HMEF. */
final class TnefUnpacker {

    private TnefUnpacker() {
    }

    record File(String filename, byte[] content) {
    }

    static List<File> files(byte[] tnef) throws IOException {
        HMEFMessage message = new HMEFMessage(new ByteArrayInputStream(tnef));
        List<File> files = new ArrayList<>();
        for (org.apache.poi.hmef.Attachment attachment : message.getAttachments()) {
            String name = attachment.getLongFilename() != null ? attachment.getLongFilename() : attachment.getFilename();
            byte[] content = attachment.getContents();
            if (content != null) {
                files.add(new File(name == null ? "attachment" : name, content));
            }
        }
        return files;
    }

    static boolean isTnef(String mimeType, String filename) {
        return "application/ms-tnef".equals(mimeType) || "application/vnd.ms-tnef".equals(mimeType)
                || "winmail.dat".equalsIgnoreCase(filename);
    }
}
