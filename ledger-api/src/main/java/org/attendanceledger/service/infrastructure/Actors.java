package org.attendanceledger.service.infrastructure;

import org.attendanceledger.common.Actor;

/** Who acted, when the contract does not ask for a named person (administration through an API key). */
public final class Actors {

    private Actors() {
    }

    public static Actor orKeyHolder(Actor by, String apiKeyId) {
        if (by != null && by.hasNameAndPosition()) {
            return by;
        }
        return new Actor("API key " + apiKeyId, "Ledger administrator", null);
    }
}
