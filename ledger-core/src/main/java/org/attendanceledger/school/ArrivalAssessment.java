package org.attendanceledger.school;

/**
 * How a late arrival relates to the register: minutes after the register started, and whether the pupil
 * arrived before it closed ({@code L}) or after ({@code U}, unless another code fits).
 */
public record ArrivalAssessment(int minutesLate, boolean beforeRegisterClosed) {

    public ArrivalAssessment {
        if (minutesLate < 0) {
            throw new IllegalArgumentException("minutesLate must not be negative: " + minutesLate);
        }
    }
}
