-- When the ledger received each step of a penalty notice and of a leave request, so that the LA's notices, the
-- eligibility read, the leave lists and the evidence bundle answer "as known at" an instant (auditors' issue, item 1)
-- like every other read. Rows only gain their steps (an outcome is recorded once; a decision once; a withdrawal
-- once), so one received instant per step is the whole bitemporal history of the row.
ALTER TABLE penalty_notice
    ADD COLUMN received_at         TIMESTAMPTZ,
    ADD COLUMN outcome_received_at TIMESTAMPTZ;
ALTER TABLE leave_request
    ADD COLUMN received_at           TIMESTAMPTZ,
    ADD COLUMN decision_received_at  TIMESTAMPTZ,
    ADD COLUMN withdrawn_received_at TIMESTAMPTZ;

-- The steps already stored take their instants from their events: the receivedAt metadata, else the store's stamp.
CREATE TEMPORARY TABLE step_received ON COMMIT DROP AS
SELECT aggregate_identifier AS id,
       substring(payload_type FROM '[^.]+$') AS step,
       COALESCE((convert_from(meta_data, 'UTF8')::jsonb ->> 'receivedAt')::timestamptz, time_stamp::timestamptz) AS at
FROM domain_event_entry
WHERE payload_type IN ('org.attendanceledger.penalty.api.PenaltyNoticeIssued',
                       'org.attendanceledger.penalty.api.PenaltyNoticeOutcomeRecorded',
                       'org.attendanceledger.leave.api.LeaveOfAbsenceRequested',
                       'org.attendanceledger.leave.api.LeaveOfAbsenceDecided',
                       'org.attendanceledger.leave.api.LeaveOfAbsenceWithdrawn');

UPDATE penalty_notice n SET received_at = s.at FROM step_received s
WHERE s.id = n.notice_id AND s.step = 'PenaltyNoticeIssued';
UPDATE penalty_notice n SET outcome_received_at = s.at FROM step_received s
WHERE s.id = n.notice_id AND s.step = 'PenaltyNoticeOutcomeRecorded';
UPDATE leave_request l SET received_at = s.at FROM step_received s
WHERE s.id = l.request_id AND s.step = 'LeaveOfAbsenceRequested';
UPDATE leave_request l SET decision_received_at = s.at FROM step_received s
WHERE s.id = l.request_id AND s.step = 'LeaveOfAbsenceDecided';
UPDATE leave_request l SET withdrawn_received_at = s.at FROM step_received s
WHERE s.id = l.request_id AND s.step = 'LeaveOfAbsenceWithdrawn';

ALTER TABLE penalty_notice ALTER COLUMN received_at SET NOT NULL;
ALTER TABLE leave_request ALTER COLUMN received_at SET NOT NULL;
