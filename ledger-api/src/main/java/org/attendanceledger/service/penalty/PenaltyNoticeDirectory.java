package org.attendanceledger.service.penalty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.penalty.NoticeOnRecord;
import org.attendanceledger.penalty.PenaltyNoticeRecords;
import org.attendanceledger.penalty.api.AmountDue;
import org.attendanceledger.penalty.api.PenaltyNoticeIssued;
import org.attendanceledger.penalty.api.PenaltyNoticeKind;
import org.attendanceledger.penalty.api.PenaltyNoticeOutcome;
import org.attendanceledger.penalty.api.PenaltyNoticeOutcomeRecorded;
import org.attendanceledger.projections.KnownAt;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The LA's register of notices, kept by the write side in the same transaction as the notice events. It answers the
 * limit's question inside the transaction that issues a notice, under a lock per parent and pupil, so that two officers
 * issuing at the same moment cannot both issue the third.
 */
@Component
@ProcessingGroup(AxonConfiguration.WRITE_SIDE)
public class PenaltyNoticeDirectory implements PenaltyNoticeRecords {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String COLUMNS = """
            notice_id, la_code, urn, upn, parent_ref, kind, issued_on, breach_date, breach_session, notice_number,
            amounts, outcome, outcome_on, amount_paid""";
    /**
     * The register as known at an instant ({@code known.t}; null: now): notices received by then, each with its
     * outcome only if that too had been received. The query joins {@code (SELECT ?::timestamptz AS t) AS known}.
     */
    private static final String KNOWN_COLUMNS = """
            notice_id, la_code, urn, upn, parent_ref, kind, issued_on, breach_date, breach_session, notice_number,
            amounts,
            CASE WHEN known.t IS NULL OR outcome_received_at <= known.t THEN outcome END AS outcome,
            CASE WHEN known.t IS NULL OR outcome_received_at <= known.t THEN outcome_on END AS outcome_on,
            CASE WHEN known.t IS NULL OR outcome_received_at <= known.t THEN amount_paid END AS amount_paid""";
    private static final String AS_KNOWN = """
             FROM penalty_notice CROSS JOIN (SELECT ?::timestamptz AS t) AS known
            WHERE (known.t IS NULL OR received_at <= known.t)""";

    private final JdbcTemplate jdbc;

    public PenaltyNoticeDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A notice as the register shows it; {@code outcome} and what follows are null while it is open. */
    public record Notice(String id, String laCode, String urn, String upn, String parentRef, PenaltyNoticeKind kind,
                         LocalDate issuedOn, SessionSlot breachAt, int noticeNumber, List<AmountDue> amountIfPaidBy,
                         PenaltyNoticeOutcome outcome, LocalDate outcomeOn, Integer amountPaid) {

        NoticeOnRecord onRecord() {
            return new NoticeOnRecord(id, kind, issuedOn, outcome);
        }
    }

    @EventHandler
    void on(PenaltyNoticeIssued event, EventMessage<?> message) {
        jdbc.update("""
                INSERT INTO penalty_notice (notice_id, la_code, urn, upn, parent_ref, kind, issued_on, breach_date,
                                            breach_session, notice_number, amounts, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""",
                event.noticeId(), event.laCode(), event.urn(), event.upn(), event.parentRef(), event.kind().name(),
                Date.valueOf(event.issuedOn()),
                event.breachAt() == null ? null : Date.valueOf(event.breachAt().date()),
                event.breachAt() == null ? null : event.breachAt().session().name(), event.noticeNumber(),
                json(event.amountIfPaidBy()), RequestMetadata.receivedAt(message));
    }

    @EventHandler
    void on(PenaltyNoticeOutcomeRecorded event, EventMessage<?> message) {
        jdbc.update("""
                UPDATE penalty_notice SET outcome = ?, outcome_on = ?, amount_paid = ?, outcome_received_at = ?
                WHERE notice_id = ?""",
                event.outcome().name(), Date.valueOf(event.on()), event.amount(), RequestMetadata.receivedAt(message),
                event.noticeId());
    }

    @Override
    public List<NoticeOnRecord> noticesFor(String laCode, String parentRef, String upn) {
        // Held to the end of the issuing transaction: a second issuer for the same parent and pupil waits here.
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> { }, laCode + "|" + parentRef + "|" + upn);
        return notices(laCode, parentRef, upn).stream().map(Notice::onRecord).toList();
    }

    /** The notices to one parent for one pupil in an LA, oldest first. */
    public List<Notice> notices(String laCode, String parentRef, String upn) {
        return notices(laCode, parentRef, upn, null);
    }

    /** The same, as the ledger knew them at an instant (null: now). */
    public List<Notice> notices(String laCode, String parentRef, String upn, Instant knownAt) {
        return jdbc.query("SELECT " + KNOWN_COLUMNS + AS_KNOWN + " AND la_code = ? AND parent_ref = ? AND upn = ?"
                + " ORDER BY issued_on, notice_id", NOTICE, KnownAt.timestamp(knownAt), laCode, parentRef, upn);
    }

    /** The LA's notices as known now. */
    public List<Notice> list(String laCode, String upn, String parentRef) {
        return list(laCode, upn, parentRef, null);
    }

    /**
     * The LA's notices, optionally for one pupil and/or one parent, in order of pupil, issue date and id, as the
     * ledger knew them at an instant (null: now).
     */
    public List<Notice> list(String laCode, String upn, String parentRef, Instant knownAt) {
        return jdbc.query("SELECT " + KNOWN_COLUMNS + AS_KNOWN + " AND la_code = ?"
                        + " AND (?::varchar IS NULL OR upn = ?) AND (?::varchar IS NULL OR parent_ref = ?)"
                        + " ORDER BY upn, issued_on, notice_id",
                NOTICE, KnownAt.timestamp(knownAt), laCode, upn, upn, parentRef, parentRef);
    }

    public Optional<Notice> find(String laCode, String noticeId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM penalty_notice WHERE la_code = ? AND notice_id = ?",
                NOTICE, laCode, noticeId).stream().findFirst();
    }

    /** A notice already issued with exactly these terms: a retried request finds it instead of issuing another. */
    public Optional<Notice> findIdentical(String laCode, String urn, String upn, String parentRef,
                                          PenaltyNoticeKind kind, LocalDate issuedOn, SessionSlot breachAt) {
        return notices(laCode, parentRef, upn).stream()
                .filter(n -> n.urn().equals(urn) && n.kind() == kind && n.issuedOn().equals(issuedOn)
                        && java.util.Objects.equals(n.breachAt(), breachAt))
                .findFirst();
    }

    private static final RowMapper<Notice> NOTICE = (rs, i) -> new Notice(rs.getString("notice_id"),
            rs.getString("la_code"), rs.getString("urn"), rs.getString("upn"), rs.getString("parent_ref"),
            PenaltyNoticeKind.valueOf(rs.getString("kind")), rs.getObject("issued_on", LocalDate.class),
            breachAt(rs), rs.getInt("notice_number"), amounts(rs.getString("amounts")),
            rs.getString("outcome") == null ? null : PenaltyNoticeOutcome.valueOf(rs.getString("outcome")),
            rs.getObject("outcome_on", LocalDate.class), (Integer) rs.getObject("amount_paid"));

    private static SessionSlot breachAt(ResultSet rs) throws SQLException {
        LocalDate date = rs.getObject("breach_date", LocalDate.class);
        return date == null ? null : new SessionSlot(date, Session.valueOf(rs.getString("breach_session")));
    }

    private static String json(List<AmountDue> amounts) {
        try {
            return JSON.writeValueAsString(amounts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("amounts are plain dates and integers", e);
        }
    }

    private static List<AmountDue> amounts(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<AmountDue>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the amounts column holds what json() wrote", e);
        }
    }
}
