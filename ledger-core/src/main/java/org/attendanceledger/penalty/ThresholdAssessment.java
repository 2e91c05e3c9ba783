package org.attendanceledger.penalty;

import java.util.List;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.SessionSlot;

/**
 * The penalty-notice threshold for one pupil over a period. When met, {@code firstMetAt} is the session at which the
 * count first reached the threshold, {@code window} the school weeks it was counted over and {@code sessions} the
 * marks counted there; otherwise those are empty. {@code maxCountInAnyWindow} is the highest count the period saw.
 */
public record ThresholdAssessment(SessionSlot firstMetAt, ThresholdWindow window, List<SessionMark> sessions,
                                  int maxCountInAnyWindow) {

    public ThresholdAssessment {
        sessions = List.copyOf(sessions);
        if ((firstMetAt == null) != (window == null)) {
            throw new IllegalArgumentException("a met threshold has both the session and the window, or neither");
        }
    }

    public boolean met() {
        return firstMetAt != null;
    }
}
