package org.attendanceledger.service.projection;

import java.time.LocalDate;
import org.attendanceledger.attendance.NMarkDeadline;
import org.attendanceledger.penalty.PenaltyThresholdRule;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.projections.SequentialPerSchoolPolicy;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
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
     * A handler that fails must fail its batch, which the processor then retries: the default would log and move on,
     * leaving a read model that silently misses an event.
     */
    @Bean
    public ConfigurerModule projectionsFailLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                AttendanceProjection.PROCESSOR, c -> PropagatingErrorHandler.instance());
    }
}
