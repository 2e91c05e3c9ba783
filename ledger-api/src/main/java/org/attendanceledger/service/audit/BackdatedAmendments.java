package org.attendanceledger.service.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.audit.Backdating;
import org.attendanceledger.common.Actor;
import org.attendanceledger.service.security.SchoolScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Amendments whose claimed instant (amendedAt) lies more than {@code ledger.audit.backdated-after} before the ledger
 * received them, from the amendments the log appender keeps as it logs them ({@code audit_amendment}).
 */
@Component
public class BackdatedAmendments {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final JdbcTemplate jdbc;
    private final Duration backdatedAfter;

    public BackdatedAmendments(JdbcTemplate jdbc,
                               @Value("${ledger.audit.backdated-after:P7D}") Duration backdatedAfter) {
        this.jdbc = jdbc;
        this.backdatedAfter = backdatedAfter;
    }

    public record Item(String urn, String upn, LocalDate date, String session, long version, Actor by,
                       Instant amendedAt, Instant receivedAt, long logIndex) {
    }

    public record Page(LocalDate from, LocalDate to, List<Item> items, Long next) {
    }

    /**
     * Backdated amendments received on the London dates {@code [from, to]}, in log order, from after log index
     * {@code cursor} on, at most {@code limit}.
     */
    public Page received(LocalDate from, LocalDate to, long cursor, int limit, SchoolScope scope) {
        Timestamp start = Timestamp.from(from.atStartOfDay(LONDON).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(LONDON).toInstant());
        String select = "SELECT * FROM audit_amendment WHERE received_at >= ? AND received_at < ? AND log_index > ? ";
        List<Item> items = new ArrayList<>();
        RowCallbackHandler collect = rs -> {
            if (items.size() >= limit) {
                return;
            }
            Instant amendedAt = rs.getTimestamp("amended_at").toInstant();
            Instant receivedAt = rs.getTimestamp("received_at").toInstant();
            if (Backdating.isBackdated(amendedAt, receivedAt, backdatedAfter)) {
                items.add(new Item(rs.getString("school_urn"), rs.getString("upn"),
                        rs.getObject("session_date", LocalDate.class), rs.getString("session"), rs.getLong("version"),
                        new Actor(rs.getString("by_name"), rs.getString("by_position"), rs.getString("by_staff_id")),
                        amendedAt, receivedAt, rs.getLong("log_index")));
            }
        };
        if (scope.everySchool()) {
            jdbc.query(select + "ORDER BY log_index", collect, start, end, cursor);
        } else {
            jdbc.query(select + "AND school_urn = ANY (?) ORDER BY log_index", collect, start, end, cursor,
                    scope.urns().toArray(String[]::new));
        }
        Long next = items.size() >= limit ? items.get(items.size() - 1).logIndex() : null;
        return new Page(from, to, items, next);
    }
}
