package org.attendanceledger.roll.api;

/** Everything that can happen to a pupil's entry on a school's admission register. Stored contract. */
public sealed interface EnrolmentEvent permits PupilAdmitted, PupilDeleted, YearGroupExceptionRecorded {

    String enrolmentId();

    String urn();

    String upn();
}
