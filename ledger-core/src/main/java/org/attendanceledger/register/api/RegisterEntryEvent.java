package org.attendanceledger.register.api;

import java.time.LocalDate;
import org.attendanceledger.calendar.Session;

/** Everything that can happen to one register entry. Stored contract: never rename without an upcaster. */
public sealed interface RegisterEntryEvent permits AttendanceMarkRecorded, AttendanceMarkAmended {

    String entryId();

    String urn();

    String upn();

    LocalDate date();

    Session session();

    /** The code the entry reads after this event. */
    String code();
}
