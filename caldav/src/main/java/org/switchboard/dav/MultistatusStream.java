package org.switchboard.dav;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.switchboard.dav.xml.Multistatus;
import org.switchboard.dav.xml.XmlOut;

/**
 * A 207 Multi-Status body sent to the client in pieces as responses are added, instead of being built
 * whole, copied into a String and then into bytes before the first write: a month of expanded events at
 * 100,000 events is about 4 MB (ADR 0019). Once the first piece is out the status is committed, so
 * everything that can fail with an error status must be checked before the first response is added.
 */
public final class MultistatusStream {
    /** Pieces of about this many characters. */
    static final int CHUNK = 64 * 1024;

    private final DavContext ctx;
    private final Multistatus ms = new Multistatus();
    private Writer writer;

    public MultistatusStream(DavContext ctx) { this.ctx = ctx; }

    public MultistatusStream response(String href, Map<Integer, List<String>> props) throws IOException {
        ms.response(href, props);
        return flushIfFull();
    }

    public MultistatusStream response(String href, List<String> found, List<String> missing) throws IOException {
        ms.response(href, found, missing);
        return flushIfFull();
    }

    /** See {@link Multistatus#response(String, List, org.switchboard.dav.xml.XmlOut.Fragment, List)}. */
    public MultistatusStream response(String href, List<String> found, XmlOut.Fragment last, List<String> missing)
            throws IOException {
        ms.response(href, found, last, missing);
        return flushIfFull();
    }

    private MultistatusStream flushIfFull() throws IOException {
        if (ms.buffered() >= CHUNK) ms.drainTo(writer());
        return this;
    }

    private Writer writer() throws IOException {
        if (writer == null) {
            ctx.resp.setStatus(207);
            ctx.resp.setContentType("application/xml; charset=utf-8");
            writer = ctx.resp.getWriter();
        }
        return writer;
    }

    /** Closes the document and sends what is left. */
    public void finish() throws IOException {
        if (writer == null) {
            ctx.sendMultistatus(ms.finish()); // small: one piece with its Content-Length
            return;
        }
        writer.write(ms.finish());
    }
}
