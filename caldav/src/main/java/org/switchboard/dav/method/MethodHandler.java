package org.switchboard.dav.method;

import java.io.IOException;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;

/** One HTTP method (Radicale's layout: one handler per method, named after it). */
public interface MethodHandler {
    void handle(DavContext ctx) throws DavException, IOException;
}
