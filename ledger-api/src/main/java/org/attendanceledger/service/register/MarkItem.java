package org.attendanceledger.service.register;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
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

    /**
     * A digest of everything the MIS said about the mark, to tell a retry from a different use of the same key. The
     * digest is over a canonical encoding of the values (each field as its length and UTF-8 bytes, or -1 when absent;
     * instants in UTC), which no two different payloads share: fields joined with a separator would let
     * {@code "a|b", "c"} and {@code "a", "b|c"} collide.
     */
    public String payloadHash() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream canonical = new DataOutputStream(bytes);
        try {
            for (Object field : new Object[] {upn, date, session, code, minutesLate, arrivalTime,
                    recordedBy == null ? null : recordedBy.name(), recordedBy == null ? null : recordedBy.position(),
                    recordedBy == null ? null : recordedBy.staffId(), recordedAt}) {
                if (field == null) {
                    canonical.writeInt(-1);
                } else {
                    byte[] value = field.toString().getBytes(StandardCharsets.UTF_8);
                    canonical.writeInt(value.length);
                    canonical.write(value);
                }
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
