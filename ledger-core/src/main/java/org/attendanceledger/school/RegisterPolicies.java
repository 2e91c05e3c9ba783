package org.attendanceledger.school;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A school's register policies over time (rules 1.2: the policy is effective-dated). The first applies from the
 * beginning; each change applies to the sessions dated from its {@code effectiveFrom} on, so a session is always
 * judged by the policy in force on its own date, whenever the mark arrives.
 */
public final class RegisterPolicies {

    private final RegisterPolicy first;
    private final NavigableMap<LocalDate, RegisterPolicy> changes;

    public RegisterPolicies(RegisterPolicy first, Map<LocalDate, RegisterPolicy> changes) {
        this.first = Objects.requireNonNull(first, "first");
        this.changes = Collections.unmodifiableNavigableMap(new TreeMap<>(changes));
    }

    public static RegisterPolicies only(RegisterPolicy policy) {
        return new RegisterPolicies(policy, Map.of());
    }

    /** The policy in force for sessions on this date. */
    public RegisterPolicy on(LocalDate sessionDate) {
        Map.Entry<LocalDate, RegisterPolicy> change = changes.floorEntry(sessionDate);
        return change == null ? first : change.getValue();
    }

    public RegisterPolicy first() {
        return first;
    }

    /** The changes by the date each takes effect, oldest first. */
    public NavigableMap<LocalDate, RegisterPolicy> changes() {
        return changes;
    }

    /** The date the latest change takes effect, if there is any change. */
    public Optional<LocalDate> latestChange() {
        return changes.isEmpty() ? Optional.empty() : Optional.of(changes.lastKey());
    }
}
