package org.attendanceledger.service.projection;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
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
        if (position == EMPTY_STORE) {
            return true;
        }
        List<TrackingToken> tokens = jdbc.query(
                "SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, i) -> deserialize(rs.getBytes("token"), rs.getString("token_type")), processor);
        if (tokens.isEmpty()) {
            return false;
        }
        SortedSet<Long> unseen = new TreeSet<>();
        for (TrackingToken token : tokens) {
            if (!(WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken reached)
                    || reached.getIndex() < position) {
                return false;
            }
            unseen.addAll(reached.getGaps().headSet(position + 1));
        }
        return unseen.isEmpty() || !anyEventAt(unseen);
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
