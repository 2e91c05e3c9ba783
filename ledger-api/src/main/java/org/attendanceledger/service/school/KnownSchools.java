package org.attendanceledger.service.school;

import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.RequestRejected;
import org.springframework.http.HttpStatus;

/** The one refusal every school-scoped endpoint shares. */
public final class KnownSchools {

    private KnownSchools() {
    }

    public static SchoolDirectory.SchoolRecord require(SchoolDirectory schools, String urn) {
        return require(schools, urn, "urn");
    }

    /** The same refusal for a school named in another field of the request. */
    public static SchoolDirectory.SchoolRecord require(SchoolDirectory schools, String urn, String field) {
        return schools.find(urn).orElseThrow(() -> RequestRejected.single(HttpStatus.NOT_FOUND,
                ErrorCode.UNKNOWN_SCHOOL, field, "no school " + urn + " in the ledger"));
    }
}
