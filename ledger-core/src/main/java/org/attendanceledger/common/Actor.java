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

    /**
     * Whether two written names are the same person's name as a school would write it: case and runs of white space
     * do not matter ("Ann  HEAD" is "Ann Head"), spelling does.
     */
    public static boolean sameName(String one, String other) {
        return one != null && other != null && normalised(one).equals(normalised(other));
    }

    private static String normalised(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }
}
