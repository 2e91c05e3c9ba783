package org.attendanceledger.service.register;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.Objects;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;

/** One mark of a posted register, as the MIS sent it. */
public record MarkItem(
        String upn,
        LocalDate date,
        Session session,
        String code,
        Integer minutesLate,
        LocalTime arrivalTime,
        Actor recordedBy,
        Instant recordedAt,
        String idempotencyKey) {

    /** A digest of everything the MIS said about the mark, to tell a retry from a different use of the same key. */
    public String payloadHash() {
        String canonical = String.join("|", upn, String.valueOf(date), String.valueOf(session), code,
                String.valueOf(minutesLate), String.valueOf(arrivalTime),
                recordedBy == null ? "" : Objects.toString(recordedBy.name(), ""),
                recordedBy == null ? "" : Objects.toString(recordedBy.position(), ""),
                recordedBy == null ? "" : Objects.toString(recordedBy.staffId(), ""),
                String.valueOf(recordedAt));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
