package org.attendanceledger.common;

/**
 * The person who made an entry: the audit rule requires the name and the position; the staff id ties the
 * person to the school's grants (who may authorise absence or leave).
 */
public record Actor(String name, String position, String staffId) {

    /** True when the two fields the audit rule demands are both present. */
    public boolean hasNameAndPosition() {
        return name != null && !name.isBlank() && position != null && !position.isBlank();
    }
}
