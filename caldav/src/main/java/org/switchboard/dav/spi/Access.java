package org.switchboard.dav.spi;

/** What a user may do with a collection. NONE answers 403; READ refuses writes with DAV:need-privileges. */
public enum Access {
    NONE, READ, READ_WRITE;

    public boolean canRead() { return this != NONE; }
    public boolean canWrite() { return this == READ_WRITE; }
}
