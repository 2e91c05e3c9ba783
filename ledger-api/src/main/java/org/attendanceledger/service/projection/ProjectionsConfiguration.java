package org.attendanceledger.service.projection;

import java.time.LocalDate;
import org.attendanceledger.attendance.NMarkDeadline;
import org.attendanceledger.penalty.PenaltyThresholdRule;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.projections.RebuildProjection;
import org.attendanceledger.projections.SequentialPerSchoolPolicy;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The projections module's handlers and queries, its tracking processor, and the rules it applies. The processor
 * itself (tracking, batch size, segments) is set under {@code axon.eventhandling.processors.attendance-projections}.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = AttendanceProjection.class)
public class ProjectionsConfiguration {

    /** Named by {@code axon.eventhandling.processors.attendance-projections.sequencing-policy}. */
    public static final String SEQUENTIAL_PER_SCHOOL = "sequentialPerSchool";

    /**
     * Absences before the National Framework took effect do not count by default; whether they may sit in a window
     * straddling 19 Aug 2024 is an open question (rules 12.4), so it is configuration.
     */
    @Bean
    public PenaltyThresholdRule penaltyThresholdRule(
            @Value("${ledger.penalty-threshold.counts-from:2024-08-19}") LocalDate countsFrom) {
        return PenaltyThresholdRule.national().countingFrom(countsFrom);
    }

    @Bean
    public NMarkDeadline nMarkDeadline() {
        return NMarkDeadline.national();
    }

    @Bean(SEQUENTIAL_PER_SCHOOL)
    public SequentialPerSchoolPolicy sequentialPerSchool() {
        return new SequentialPerSchoolPolicy();
    }

    /**
     * The dead-letter queue's table and columns, in snake case like the event store (migration V310). Axon's JDBC
     * auto-configuration builds the queue itself, with this schema, for every processor with {@code dlq.enabled}.
     */
    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * A reset replays every event from empty tables, held ones included, so it empties the dead-letter queue too
     * (otherwise each replayed event of a held school would be held a second time). The sequence cache spares the
     * queue a lookup per event while no school is held. The rebuild processor's queue is the same, under its own name.
     */
    @Bean
    public ConfigurerModule projectionDeadLetterInvoker() {
        return configurer -> {
            for (String processor : new String[] {AttendanceProjection.PROCESSOR, RebuildProjection.PROCESSOR}) {
                configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(processor,
                        (c, invoker) -> invoker.allowReset(true).enableSequenceIdentifierCache());
            }
        };
    }

    /**
     * A handler that fails must not be passed over: the default would log and move on, leaving a read model that
     * silently misses an event. The failure reaches the dead-letter invoker, which holds the event, and its school's
     * later events, in the dead-letter queue. A failure while the batch is written fails the whole batch; the
     * processor retries it, event by event if the data was at fault, so the event that fails is held the same way
     * ({@code ProjectionWrites} in the projections module).
     */
    @Bean
    public ConfigurerModule projectionsFailLoudly() {
        return configurer -> {
            for (String processor : new String[] {AttendanceProjection.PROCESSOR, RebuildProjection.PROCESSOR}) {
                configurer.eventProcessing().registerListenerInvocationErrorHandler(processor,
                        c -> PropagatingErrorHandler.instance());
            }
        };
    }

    /**
     * The rebuild's processor: the live processor's handlers, order and batch size, over all its segments on this
     * node (the node that runs the rebuild), writing into the rebuild schema, with a dead-letter queue of its own that
     * replaces the live one at the swap. It is never started with the application, only by a rebuild, which creates
     * its tokens afresh: it replays from the first event.
     */
    @Bean
    public ConfigurerModule rebuildProcessor(
            @Value("${ledger.projections.segments}") int segments,
            @Value("${axon.eventhandling.processors.attendance-projections.batch-size:500}") int batchSize,
            ConnectionProvider connections, TransactionManager transactions, DeadLetterSchema deadLetterSchema,
            JdbcTemplate jdbc) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(RebuildProjection.PROCESSOR, c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                                .andInitialSegmentsCount(segments).andBatchSize(batchSize).andAutoStart(false))
                .registerSequencingPolicy(RebuildProjection.PROCESSOR, c -> new SequentialPerSchoolPolicy())
                .registerTransactionManager(RebuildProjection.PROCESSOR,
                        c -> new RebuildSchemaTransactionManager(transactions, jdbc))
                .registerDeadLetterQueue(RebuildProjection.PROCESSOR, c -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(RebuildProjection.PROCESSOR)
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .schema(deadLetterSchema)
                        .genericSerializer(c.serializer())
                        .eventSerializer(c.eventSerializer())
                        .build());
    }
}
