package org.attendanceledger.roll.api;

import java.time.LocalDate;

/**
 * This stay is linked to the pupil's stay at another school (rules 8.2). {@code role} is this stay's role; the other
 * stay has the opposite one. {@code otherStartingDay} names the other school's stay, which was on roll when this one
 * was admitted.
 */
public record DualRegistration(String otherUrn, DualRole role, LocalDate otherStartingDay) {
}
