package org.switchboard.dav.report;

import java.io.IOException;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.w3c.dom.Element;

/** One REPORT (one class per report, named after its element). */
public interface ReportHandler {
    void run(DavContext ctx, Element body) throws DavException, IOException;
}
