package org.attendanceledger.service.security;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.attendanceledger.access.api.Role;

/**
 * Who is calling: the API key behind the request, its role and its scope. Schools are named by URN, local authorities
 * by LA code; an auditor with neither reads the whole ledger.
 */
public record LedgerPrincipal(String keyId, Role role, Set<String> schools, Set<String> las) implements Principal {

    /** The key id recorded for requests made with the configured bootstrap admin token. */
    public static final String BOOTSTRAP_ADMIN_ID = "bootstrap-admin";

    public LedgerPrincipal {
        schools = Set.copyOf(schools);
        las = Set.copyOf(las);
    }

    public static LedgerPrincipal bootstrapAdmin() {
        return new LedgerPrincipal(BOOTSTRAP_ADMIN_ID, Role.ADMIN, Set.of(), Set.of());
    }

    @Override
    public String getName() {
        return keyId;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Admins and unscoped auditors see every school, including schools added after the key was issued. */
    public boolean seesEverySchool() {
        return isAdmin() || (role == Role.AUDITOR && schools.isEmpty() && las.isEmpty());
    }

    /**
     * Whether the key's scope takes in the school: named on the key, or in one of its LAs. The school's LA is looked up
     * only when the answer depends on it.
     */
    public boolean coversSchool(String urn, Function<String, Optional<String>> laCodeOfSchool) {
        if (seesEverySchool() || schools.contains(urn)) {
            return true;
        }
        return !las.isEmpty() && laCodeOfSchool.apply(urn).filter(las::contains).isPresent();
    }

    public boolean coversLa(String laCode) {
        return seesEverySchool() || las.contains(laCode);
    }

    /**
     * Free-text reasons (amendments, deletions, calendar changes) can be health data. The school's own MIS wrote them,
     * auditors and admins must see them; an LA officer needs the codes and dates, not the reasons.
     */
    public boolean mayReadReasonText() {
        return role != Role.LA_OFFICER;
    }
}
