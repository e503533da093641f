package org.switchboard.dav;

import org.switchboard.dav.spi.Access;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.DavPrincipal;

/** A resolved target of a request: the root, a principal/home, a collection or an object. */
public record Resource(DavPath.Type type, String href, DavPrincipal principal, DavCollection collection,
                       DavObjectInfo object, Access access) {

    public boolean isCollection() { return type != DavPath.Type.OBJECT; }
}
