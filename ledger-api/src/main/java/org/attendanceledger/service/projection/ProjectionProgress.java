package org.attendanceledger.service.projection;

import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.attendanceledger.projections.SequentialPerSchoolPolicy;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far a tracking processor has got through the event store, read from the token store so that it is right on
 * every node, whichever node holds the processor's segments.
 */
@Component
public class ProjectionProgress {

    /** No event stored yet. */
    public static final long EMPTY_STORE = -1;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public ProjectionProgress(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The position of the last event committed so far. */
    public long committedHead() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? EMPTY_STORE : head;
    }

    /**
     * The position of the last event committed so far in the streams of the schools (a school's streams are named by
     * its URN, alone or before a ':', as the event feed's index by school reads them); {@link #EMPTY_STORE} for none.
     * One backward index probe per school, so an LA of many schools costs as many probes, not a scan.
     *
     * <p>The probe is written as "the last (school, position) at or below (this school, the end)" so that only the index
     * by school can answer it. Written as the maximum position of the school, PostgreSQL chose to walk the primary key
     * backwards until it met one of the school's events: a read of the LA penalty queue after the quick bench spent
     * 15 ms there, more than on the queue itself (a flight recording's socket reads), against 1.5 ms for the probes.
     */
    public long committedHead(Collection<String> urns) {
        if (urns.isEmpty()) {
            return EMPTY_STORE;
        }
        Long head = jdbc.queryForObject("""
                SELECT max(last.global_index) FROM unnest(?::varchar[]) AS school (urn)
                CROSS JOIN LATERAL (SELECT split_part(aggregate_identifier, ':', 1) AS urn, global_index
                                    FROM domain_event_entry
                                    WHERE (split_part(aggregate_identifier, ':', 1), global_index)
                                          <= (school.urn, 9223372036854775807)
                                    ORDER BY split_part(aggregate_identifier, ':', 1) DESC, global_index DESC
                                    LIMIT 1) AS last
                WHERE last.urn = school.urn""",
                Long.class, (Object) urns.toArray(String[]::new));
        return head == null ? EMPTY_STORE : head;
    }

    /** How many events are stored after one position, up to and including another. */
    public long eventsBetween(long after, long through) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE global_index > ? AND global_index <= ?", Long.class,
                after, through);
        return count == null ? 0 : count;
    }

    /** How many events are stored up to and including the position. */
    public long eventsThrough(long position) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?", Long.class,
                position);
        return count == null ? 0 : count;
    }

    /**
     * Whether every segment of the processor has handled every event committed at or before the position. A token
     * may have passed over positions it has not seen yet (gaps): those hold either an event committed late, still to
     * be handled, or nothing at all, left by a transaction that rolled back.
     */
    public boolean hasProcessedThrough(String processor, long position) {
        return hasProcessedThrough(processor, position, null);
    }

    /**
     * Whether the segments that handle the schools (null: every segment) have handled every event committed at or
     * before the position. Segments that handle other schools are not waited for, however far behind they are.
     */
    public boolean hasProcessedThrough(String processor, long position, Collection<String> urns) {
        if (position == EMPTY_STORE) {
            return true;
        }
        List<SegmentToken> rows = jdbc.query(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, i) -> new SegmentToken(rs.getInt("segment"),
                        deserialize(rs.getBytes("token"), rs.getString("token_type"))), processor);
        if (rows.isEmpty()) {
            return false;
        }
        Segment[] segments = Segment.computeSegments(rows.stream().mapToInt(SegmentToken::segment).toArray());
        SortedSet<Long> unseen = new TreeSet<>();
        for (SegmentToken row : rows) {
            if (urns != null && !handlesAny(segmentWithId(segments, row.segment()), urns)) {
                continue;
            }
            if (!(WrappedToken.unwrapLowerBound(row.token()) instanceof GapAwareTrackingToken reached)
                    || reached.getIndex() < position) {
                return false;
            }
            unseen.addAll(reached.getGaps().headSet(position + 1));
        }
        return unseen.isEmpty() || !anyEventAt(unseen);
    }

    /**
     * The position every segment of the processor has got past (the lowest of their tokens), {@link #EMPTY_STORE}
     * when a segment has handled nothing yet or the processor has no tokens.
     */
    public long positionReachedByEverySegment(String processor) {
        return segmentPositions().stream().filter(position -> position.processor().equals(processor))
                .mapToLong(SegmentPosition::position).min().orElse(EMPTY_STORE);
    }

    private record SegmentToken(int segment, TrackingToken token) {
    }

    private static Segment segmentWithId(Segment[] segments, int id) {
        for (Segment segment : segments) {
            if (segment.getSegmentId() == id) {
                return segment;
            }
        }
        throw new IllegalStateException("segment " + id + " is not among the processor's segments");
    }

    /** A segment handles the schools whose sequence it matches, exactly as the processor's invoker decides. */
    private static boolean handlesAny(Segment segment, Collection<String> urns) {
        return urns.stream().anyMatch(urn -> segment.matches(SequentialPerSchoolPolicy.ofSchool(urn)));
    }

    /** Where one segment of a tracking processor stands: the position of the last event it has handled. */
    public record SegmentPosition(String processor, int segment, long position) {
    }

    /** Every segment of every tracking processor, from the token store; {@link #EMPTY_STORE} for none handled yet. */
    public List<SegmentPosition> segmentPositions() {
        return jdbc.query("SELECT processor_name, segment, token, token_type FROM token_entry "
                        + "ORDER BY processor_name, segment",
                (rs, i) -> new SegmentPosition(rs.getString("processor_name"), rs.getInt("segment"),
                        positionOf(deserialize(rs.getBytes("token"), rs.getString("token_type")))));
    }

    /** A replay's token stands where the replay has got to, not where the processor had been before it. */
    private static long positionOf(TrackingToken token) {
        if (token == null) {
            return EMPTY_STORE;
        }
        TrackingToken reached = WrappedToken.unwrapLowerBound(token);
        return reached == null ? EMPTY_STORE : reached.position().orElse(EMPTY_STORE);
    }

    private boolean anyEventAt(SortedSet<Long> positions) {
        Boolean found = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE global_index = ANY (?))",
                Boolean.class, (Object) positions.toArray(Long[]::new));
        return Boolean.TRUE.equals(found);
    }

    private TrackingToken deserialize(byte[] token, String type) {
        if (token == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }
}
