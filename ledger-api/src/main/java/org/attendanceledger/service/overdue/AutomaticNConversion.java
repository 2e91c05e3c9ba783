package org.attendanceledger.service.overdue;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.attendanceledger.attendance.NMarkDeadline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.projections.query.OverdueN;
import org.attendanceledger.projections.query.OverdueNQuery.OverdueMark;
import org.attendanceledger.projections.query.OverdueNQuery;
import org.attendanceledger.register.api.AmendMark;
import org.attendanceledger.register.api.AmendmentMechanism;
import org.attendanceledger.register.api.AmendmentOutcome;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.projection.ReadYourWrites;
import org.attendanceledger.service.school.SchoolDirectory.NConversionPolicy;
import org.attendanceledger.service.school.SchoolDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * A school's optional policy (off by default): N marks still open after their deadline become O, each as an amendment
 * with the five audit items, attributed to the named owner of the rule with {@code mechanism=AUTOMATIC_POLICY}.
 *
 * <p>It converts exactly the marks the overdue-N list shows for the same day, because it reads the same query
 * ({@link OverdueNQuery}) once the projections hold every write committed before it began: marks inside a stay on roll,
 * on sessions the calendar has for the pupil. An N left on a session a calendar amendment removed, or dated after the
 * pupil left, counts towards nothing and is converted by nobody. Each amendment names the entry's version as read, so
 * an entry amended in the meantime is left as its author made it.
 */
@Service
public class AutomaticNConversion {

    /** The lock that makes the nightly run happen once per cluster. */
    public static final String NIGHTLY_LOCK = "automatic-n-conversion";

    private static final Logger LOG = LoggerFactory.getLogger(AutomaticNConversion.class);
    /** The caller recorded on amendments the daily run makes by itself. */
    static final String SCHEDULER = "scheduler";
    /** Counts the schools whose nightly conversion failed, tagged with the school's URN. */
    static final String FAILURES = "ledger.n_conversion.failures";

    private final SchoolDirectory schools;
    private final OverdueNQuery overdueN;
    private final ReadYourWrites readYourWrites;
    private final CommandSender commands;
    private final NMarkDeadline deadlineRule;
    private final MeterRegistry meters;
    private final Clock clock;

    public AutomaticNConversion(SchoolDirectory schools, OverdueNQuery overdueN, ReadYourWrites readYourWrites,
                                CommandSender commands, NMarkDeadline deadlineRule, MeterRegistry meters) {
        this.schools = schools;
        this.overdueN = overdueN;
        this.readYourWrites = readYourWrites;
        this.commands = commands;
        this.deadlineRule = deadlineRule;
        this.meters = meters;
        this.clock = Clock.system(LedgerClock.ENGLAND);
    }

    /** One converted mark. */
    public record Conversion(String upn, LocalDate date, Session session, LocalDate deadline, long version) {
    }

    /**
     * Converts the school's N marks overdue on {@code asOf}. Refused when {@code asOf} is after today in England (a
     * deadline still to come cannot have passed) and when the school has no policy owner.
     */
    public List<Conversion> convert(String urn, LocalDate asOf, String apiKeyId) {
        LocalDate today = LocalDate.now(clock);
        if (asOf.isAfter(today)) {
            throw new RuleViolation(ErrorCode.AS_OF_IN_FUTURE, "asOf", "asOf (" + asOf + ") is after today ("
                    + today + ", England): only N marks already past their deadline can be converted");
        }
        NConversionPolicy policy = schools.nConversionPolicy(urn).orElseThrow(() -> new RuleViolation(
                ErrorCode.NO_POLICY_OWNER, null, "the school has no automatic N conversion policy with a named owner:"
                        + " the marks stay on the overdue list"));
        String reason = "no reason received within " + deadlineRule.schoolDaysToResolve()
                + " school days (policy " + policy.policyVersion() + ")";
        readYourWrites.awaitSchools(List.of(urn));
        Instant now = clock.instant();
        List<Conversion> converted = new ArrayList<>();
        for (OverdueMark overdue : overdueN.withVersions(List.of(urn), asOf)) {
            OverdueN mark = overdue.mark();
            AmendMark amendment = new AmendMark(new RegisterEntryId(urn, mark.upn(), mark.date(), mark.session())
                    .value(), urn, mark.upn(), mark.date(), mark.session(), "O", null, null, reason, policy.owner(),
                    now, overdue.version(), AmendmentMechanism.AUTOMATIC_POLICY);
            try {
                AmendmentOutcome outcome = commands.send(amendment, RequestMetadata.of(now, apiKeyId));
                converted.add(new Conversion(mark.upn(), mark.date(), mark.session(), mark.deadline(),
                        outcome.version()));
            } catch (RuleViolation changedMeanwhile) {
                // Someone amended the mark since it was read: their entry stands; the next run looks again.
                LOG.info("an overdue N changed while being converted ({}); left as it is", changedMeanwhile.code());
            }
        }
        return converted;
    }

    /**
     * Every night, for the schools that switched the policy on; once per cluster, by whichever node takes the lock (a
     * node that finds it taken skips the night's run).
     */
    @Scheduled(cron = "${ledger.n-conversion.cron:0 30 0 * * *}", zone = "Europe/London")
    @SchedulerLock(name = NIGHTLY_LOCK, lockAtLeastFor = "PT1M")
    public void convertForAllSchools() {
        convertSchools(schools.schoolsConvertingN(), LocalDate.now(clock));
    }

    /**
     * Converts each school in turn. A school that fails (its policy switched off since the list was read, the
     * projections catching up, a database error) is logged and counted in {@value #FAILURES}, and the run goes on with
     * the next school: one school's trouble must not leave every other school's marks unconverted.
     *
     * @return the number of schools that failed
     */
    int convertSchools(List<String> urns, LocalDate asOf) {
        int failures = 0;
        for (String urn : urns) {
            try {
                int count = convert(urn, asOf, SCHEDULER).size();
                LOG.info("automatic N conversion for school {}: {} marks converted", urn, count);
            } catch (RuntimeException e) {
                failures++;
                meters.counter(FAILURES, "urn", urn).increment();
                LOG.error("automatic N conversion failed for school {}; going on with the other schools", urn, e);
            }
        }
        return failures;
    }
}
