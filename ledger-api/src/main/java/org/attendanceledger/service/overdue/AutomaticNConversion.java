package org.attendanceledger.service.overdue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attendanceledger.attendance.NMarkDeadline;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.register.api.AmendMark;
import org.attendanceledger.register.api.AmendmentMechanism;
import org.attendanceledger.register.api.AmendmentOutcome;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.calendar.CalendarDirectory;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.register.RegisterEntryDirectory;
import org.attendanceledger.service.register.RegisterEntryDirectory.DatedMark;
import org.attendanceledger.service.school.SchoolDirectory;
import org.attendanceledger.service.school.SchoolDirectory.NConversionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * A school's optional policy (off by default): N marks still open after their deadline become O, each as an amendment
 * with the five audit items, attributed to the named owner of the rule with {@code mechanism=AUTOMATIC_POLICY}. Works
 * from the write side's own lookups, so it converts exactly what the register holds now.
 */
@Service
public class AutomaticNConversion {

    private static final Logger LOG = LoggerFactory.getLogger(AutomaticNConversion.class);
    /** The caller recorded on amendments the daily run makes by itself. */
    static final String SCHEDULER = "scheduler";

    private final SchoolDirectory schools;
    private final CalendarDirectory calendars;
    private final RegisterEntryDirectory entries;
    private final CommandSender commands;
    private final NMarkDeadline deadlineRule;
    private final Clock clock;

    public AutomaticNConversion(SchoolDirectory schools, CalendarDirectory calendars, RegisterEntryDirectory entries,
                                CommandSender commands, NMarkDeadline deadlineRule) {
        this.schools = schools;
        this.calendars = calendars;
        this.entries = entries;
        this.commands = commands;
        this.deadlineRule = deadlineRule;
        this.clock = Clock.system(LedgerClock.ENGLAND);
    }

    /** One converted mark. */
    public record Conversion(String upn, LocalDate date, Session session, LocalDate deadline, long version) {
    }

    /** Converts the school's N marks overdue on {@code asOf}. Refused when the school has no policy owner. */
    public List<Conversion> convert(String urn, LocalDate asOf, String apiKeyId) {
        NConversionPolicy policy = schools.nConversionPolicy(urn).orElseThrow(() -> new RuleViolation(
                ErrorCode.NO_POLICY_OWNER, null, "the school has no automatic N conversion policy with a named owner:"
                        + " the marks stay on the overdue list"));
        SchoolTimeline timeline = calendars.timeline(urn);
        String reason = "no reason received within " + deadlineRule.schoolDaysToResolve()
                + " school days (policy " + policy.policyVersion() + ")";
        Instant now = clock.instant();
        List<Conversion> converted = new ArrayList<>();
        for (DatedMark mark : entries.openN(urn, asOf)) {
            Optional<LocalDate> deadline = deadlineRule.deadline(timeline, mark.date())
                    .filter(day -> NMarkDeadline.isOverdue(day, asOf));
            if (deadline.isEmpty()) {
                continue;
            }
            AmendMark amendment = new AmendMark(new RegisterEntryId(urn, mark.upn(), mark.date(), mark.session())
                    .value(), urn, mark.upn(), mark.date(), mark.session(), "O", null, null, reason, policy.owner(),
                    now, mark.version(), AmendmentMechanism.AUTOMATIC_POLICY);
            try {
                AmendmentOutcome outcome = commands.send(amendment, RequestMetadata.of(now, apiKeyId));
                converted.add(new Conversion(mark.upn(), mark.date(), mark.session(), deadline.get(),
                        outcome.version()));
            } catch (RuleViolation changedMeanwhile) {
                // Someone amended the mark since it was read: their entry stands; the next run looks again.
                LOG.info("an overdue N changed while being converted ({}); left as it is", changedMeanwhile.code());
            }
        }
        return converted;
    }

    /** Every night, for the schools that switched the policy on. */
    @Scheduled(cron = "${ledger.n-conversion.cron:0 30 0 * * *}", zone = "Europe/London")
    public void convertForAllSchools() {
        LocalDate today = LocalDate.now(clock);
        for (String urn : schools.schoolsConvertingN()) {
            int count = convert(urn, today, SCHEDULER).size();
            LOG.info("automatic N conversion for school {}: {} marks converted", urn, count);
        }
    }
}
