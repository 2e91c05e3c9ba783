package org.attendanceledger.penalty;

import java.util.List;

/**
 * The notices an LA has issued to one parent for one pupil, read inside the transaction that issues the next one, so
 * that two officers cannot both issue the third.
 */
public interface PenaltyNoticeRecords {

    List<NoticeOnRecord> noticesFor(String laCode, String parentRef, String upn);
}
