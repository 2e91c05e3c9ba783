package org.attendanceledger.service.school;

import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.RequestRejected;
import org.springframework.http.HttpStatus;

/** The one refusal every school-scoped endpoint shares. */
public final class KnownSchools {

    private KnownSchools() {
    }

    public static SchoolDirectory.SchoolRecord require(SchoolDirectory schools, String urn) {
        return schools.find(urn).orElseThrow(() -> RequestRejected.single(HttpStatus.NOT_FOUND,
                ErrorCode.UNKNOWN_SCHOOL, "urn", "no school " + urn + " in the ledger"));
    }
}
