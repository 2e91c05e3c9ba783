package org.attendanceledger.catalogue;

import java.util.Objects;

/** The outcome of checking a raw code against the code set in force on a session date. */
public sealed interface CodeCheck {

    /** The code exists in the set in force on the session date. */
    record Valid(AttendanceCode code, CodeSetVersion version) implements CodeCheck {
        public Valid {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(version, "version");
        }
    }

    /** Not a code in any national set (e.g. {@code A}, the MIS placeholder {@code -}, or lower case). */
    record UnknownCode(String code) implements CodeCheck {
    }

    /** A real code, but not in the set in force on the session date (e.g. {@code H} after 18 Aug 2024). */
    record NotValidOnDate(String code, CodeSetVersion version) implements CodeCheck {
        public NotValidOnDate {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(version, "version");
        }
    }

    default boolean isValid() {
        return this instanceof Valid;
    }
}
