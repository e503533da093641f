package org.switchboard.server.user;

/** What a user may do; the four roles of the sales and call-centre organisation. */
public enum Role {
    ADMIN,
    SALES_MANAGER,
    SALESPERSON,
    OPERATOR;

    /** Assigns any case to anyone. */
    public boolean assignsAnyCase() {
        return this == ADMIN || this == SALES_MANAGER;
    }

    /** May be the Responsible of a case. */
    public boolean sells() {
        return this == SALES_MANAGER || this == SALESPERSON;
    }
}
