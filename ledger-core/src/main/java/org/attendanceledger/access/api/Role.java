package org.attendanceledger.access.api;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do; its scope (schools and LAs) says where. Stored contract: never rename a constant. */
public enum Role {
    /** Everything, including schools and keys. */
    ADMIN("admin"),
    /** A school's management information system: writes and reads for the schools on its key. */
    MIS("mis"),
    /** A local authority officer: reads registers and figures for the schools of the LAs on its key. */
    LA_OFFICER("la-officer"),
    /** Reads everything in its scope, including entry histories and the event feed; writes nothing. */
    AUDITOR("auditor");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name the HTTP contract uses. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName.equals(name)).findFirst();
    }
}
