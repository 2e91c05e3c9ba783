package org.attendanceledger.roll.api;

/**
 * The grounds for deleting a name from the admission register (REG24 reg 9; REG06 reg 8 before 19 Aug 2024).
 * Deletion for poor attendance or behaviour alone is unlawful, so there is no such ground.
 */
public enum DeletionGround {
    REGISTERED_AT_ANOTHER_SCHOOL,
    NURSERY_NOT_CONTINUING,
    DUAL_REGISTRATION_ENDED,
    ATTENDANCE_ORDER_AMENDED_OR_REVOKED,
    HOME_EDUCATION,
    MOVED_AWAY,
    DID_NOT_RETURN_FROM_LEAVE,
    CONTINUOUS_ABSENCE_20_DAYS,
    MEDICALLY_UNFIT,
    DETENTION,
    DIED,
    CEASED_COMPULSORY_SCHOOL_AGE,
    PERMANENTLY_EXCLUDED
}
