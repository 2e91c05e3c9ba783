package org.attendanceledger.service.infrastructure;

import org.attendanceledger.calendar.CalendarYear;
import org.attendanceledger.leave.LeaveRequest;
import org.attendanceledger.penalty.PenaltyNotice;
import org.attendanceledger.register.RegisterEntry;
import org.attendanceledger.roll.Enrolment;
import org.attendanceledger.school.School;
import org.attendanceledger.staff.AuthorisedPersonGrant;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon on PostgreSQL through JDBC: snake-case tables owned by Flyway, Jackson everywhere, and the write-side lookups
 * updated in the same transaction as the events they follow.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** The processing group whose handlers keep the write side's lookups; it runs inside the command's transaction. */
    public static final String WRITE_SIDE = "write-side";

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /** The domain module knows nothing of Spring, so its aggregates are registered here rather than annotated. */
    @Bean
    public ConfigurerModule ledgerAggregates() {
        return configurer -> {
            configurer.registerComponent(CommandTargetResolver.class, c -> new CachingCommandTargetResolver());
            configurer.configureAggregate(School.class);
            configurer.configureAggregate(CalendarYear.class);
            configurer.configureAggregate(Enrolment.class);
            configurer.configureAggregate(AuthorisedPersonGrant.class);
            configurer.configureAggregate(RegisterEntry.class);
            configurer.configureAggregate(PenaltyNotice.class);
            configurer.configureAggregate(LeaveRequest.class);
        };
    }

    /** A lookup that failed to update must fail the command: the default would log and carry on. */
    @Bean
    public ConfigurerModule writeSideFailsLoudly() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(WRITE_SIDE, c -> PropagatingErrorHandler.instance());
    }

    /** Copies the request's audit metadata from each command onto the events it causes. */
    @Bean
    public CorrelationDataProvider ledgerMetadata() {
        return new SimpleCorrelationDataProvider(RequestMetadata.KEYS.toArray(String[]::new));
    }

    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

}
