package org.switchboard.dav.spi;

import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * Dead properties (RFC 4918 §4.1): whatever a client PROPPATCHes on a plain collection or a file that is not
 * one of the engine's live properties, kept verbatim and served back by PROPFIND. Optional, like
 * {@link SyncSupport}; without it such a PROPPATCH is refused (403). Calendars and address books never
 * get dead properties: their PROPPATCH stays limited to the properties the engine knows.
 *
 * <p>A value is the property element itself as XML text, namespace declarations included
 * ({@code <z:author xmlns:z="http://example.com/">Jo</z:author>}), so it can be written back as it came.
 */
public interface DeadProperties {

    /** The dead properties of the plain collection {@code c} ({@code member} null) or of its file {@code member}. */
    Map<QName, String> deadProperties(DavCollection c, String member);

    /**
     * Sets and removes properties of one resource at once (RFC 4918 §9.2: all or nothing); removing an absent
     * property is no error. Returns false, changing nothing, when the resource does not exist.
     */
    boolean patchDeadProperties(DavCollection c, String member, Map<QName, String> set, Set<QName> remove);
}
