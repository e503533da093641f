package org.switchboard.server.dav;

import java.util.Collection;
import java.util.List;

import org.switchboard.dav.spi.DavObject;

/**
 * A stored collection whose row lock the caller holds ({@link DavObjectStore#underLock}): what it reads is
 * current, and its writes enter the change log like a client's. Writes made here are the server bringing
 * objects in step with their source, so {@link DavWriteListener}s are not told.
 */
public interface LockedCollection {
    List<DavObject> getAll(Collection<String> names);

    /** Writes these objects (new or replacing), each a change of its own, in batched statements. */
    void putAll(List<DavObject> objects);

    void delete(String name);
}
