package org.attendanceledger.calendar;

import java.util.Objects;

/** Which sessions of a day something (e.g. a closure) applies to. */
public enum SessionScope {
    AM,
    PM,
    BOTH;

    public boolean covers(Session session) {
        Objects.requireNonNull(session, "session");
        return switch (this) {
            case AM -> session == Session.AM;
            case PM -> session == Session.PM;
            case BOTH -> true;
        };
    }
}
