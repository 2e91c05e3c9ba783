package org.attendanceledger.penalty.api;

/** Everything that can happen to a notice an LA issued. LA actions are events of their own, never register edits. */
public sealed interface PenaltyNoticeEvent permits PenaltyNoticeIssued, PenaltyNoticeOutcomeRecorded {

    String noticeId();
}
