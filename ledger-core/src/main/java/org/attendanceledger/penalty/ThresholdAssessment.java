package org.attendanceledger.penalty;

import java.util.List;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.SessionSlot;

/**
 * The penalty-notice threshold for one pupil over a period. When met, {@code firstMetAt} is the session at which the
 * count first reached the threshold, {@code window} the school weeks it was counted over and {@code sessions} the
 * marks counted there; otherwise those are empty. {@code breachAt} is the session whose mark made the count of that
 * window reach the threshold (rules 7.1(3)): it may lie before the period when the count had already reached it at the
 * period's first session. {@code maxCountInAnyWindow} is the highest count the period saw.
 */
public record ThresholdAssessment(SessionSlot firstMetAt, SessionSlot breachAt, ThresholdWindow window,
                                  List<SessionMark> sessions, int maxCountInAnyWindow) {

    public ThresholdAssessment {
        sessions = List.copyOf(sessions);
        if ((firstMetAt == null) != (window == null) || (firstMetAt == null) != (breachAt == null)) {
            throw new IllegalArgumentException("a met threshold has the session, the breach and the window, or none");
        }
    }

    public boolean met() {
        return firstMetAt != null;
    }
}
