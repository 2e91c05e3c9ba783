package org.attendanceledger.service.security;

import java.util.Set;

/** The schools a caller may see: every school, or the ones named by URN. */
public record SchoolScope(boolean everySchool, Set<String> urns) {

    public SchoolScope {
        urns = Set.copyOf(urns);
    }

    public static SchoolScope allSchools() {
        return new SchoolScope(true, Set.of());
    }
}
