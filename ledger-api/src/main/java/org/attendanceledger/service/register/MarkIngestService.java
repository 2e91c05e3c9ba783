package org.attendanceledger.service.register;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.register.RegisterEntry;
import org.attendanceledger.register.RegisterEntryDecisions;
import org.attendanceledger.register.RegisterEntryDecisions.EntryState;
import org.attendanceledger.register.api.MarkOutcome;
import org.attendanceledger.register.api.RecordMark;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.calendar.CalendarDirectory;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.register.RegisterEntryDirectory.KnownKey;
import org.attendanceledger.service.roll.RollDirectory;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory;
import org.attendanceledger.service.school.SchoolDirectory.SchoolRecord;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Records a posted register: checked and stored in one unit of work and one database transaction, so it is stored
 * entirely or not at all, and its events reach the store in one JDBC batch. Every decision about an entry is the
 * entry's own ({@link RegisterEntryDecisions}); this service only finds which entries exist and routes each mark.
 */
@Service
public class MarkIngestService {

    private final SchoolDirectory schools;
    private final MarkValidator validator;
    private final RegisterEntryDirectory entries;
    private final CalendarDirectory calendars;
    private final RollDirectory roll;
    private final CommandSender commands;
    private final TransactionManager transactionManager;
    private final Configuration axon;
    private final IngestCheckpoint checkpoint;

    public MarkIngestService(SchoolDirectory schools, MarkValidator validator, RegisterEntryDirectory entries,
                             CalendarDirectory calendars, RollDirectory roll, CommandSender commands,
                             TransactionManager transactionManager, Configuration axon, IngestCheckpoint checkpoint) {
        this.schools = schools;
        this.validator = validator;
        this.entries = entries;
        this.calendars = calendars;
        this.roll = roll;
        this.commands = commands;
        this.transactionManager = transactionManager;
        this.axon = axon;
        this.checkpoint = checkpoint;
    }

    /** How often a register that lost a race for its sessions is looked at again before giving up. */
    static final int RACE_ATTEMPTS = 3;

    /** The transaction lost a race for a session or an idempotency key; nothing of it was stored. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }

    /** The fate of one posted mark. */
    public record ItemResult(int index, MarkItem item, MarkOutcome.Status status, long version, String entryId) {
    }

    public List<ItemResult> record(String urn, List<MarkItem> items, RequestMetadata request) {
        SchoolRecord school = KnownSchools.require(schools, urn);
        for (int attempt = 1; ; attempt++) {
            try {
                return store(school, items, request);
            } catch (LostRace race) {
                // Another request stored some of these sessions or keys first. Looking again turns an identical retry
                // into DUPLICATE and a different mark into a conflict, instead of asking the client to retry.
                if (attempt == RACE_ATTEMPTS) {
                    throw RequestRejected.single(HttpStatus.CONFLICT, ErrorCode.VERSION_CONFLICT, null,
                            "other requests kept storing these marks at the same moment; retry the request");
                }
            }
        }
    }

    /**
     * Checks and stores a register in one unit of work and one transaction, or throws having stored nothing (a
     * {@link LostRace} when another request won a session or a key). The checks that span aggregates (the session is
     * in the calendar, the pupil is on roll) run inside the transaction, holding the calendar and the pupils' stays
     * still until it commits, so a deletion from roll or a calendar change cannot slip between check and commit.
     */
    private List<ItemResult> store(SchoolRecord school, List<MarkItem> items, RequestMetadata request) {
        String urn = school.urn();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        try {
            calendars.holdForRegister(urn);
            roll.holdForRegister(urn, items.stream().map(MarkItem::upn).filter(Objects::nonNull).toList());
            MarkValidator.Result validation = validator.validate(school, items);
            if (!validation.errors().isEmpty()) {
                throw rejected(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, validation.errors(),
                        "the register was rejected whole: nothing was stored");
            }
            ItemResult[] results = new ItemResult[items.size()];
            List<Integer> toRecord = resolveIdempotencyKeys(urn, items, results);
            List<RecordMark> marks = toRecord.stream().map(index -> command(urn, validation.checked().get(index)))
                    .toList();
            Set<String> existing = entries.existing(urn, marks.stream().map(RecordMark::id).toList());
            checkpoint.reached(urn, marks.stream().map(RecordMark::entryId)
                    .filter(id -> !existing.contains(id)).distinct().toList());

            List<ApiError> conflicts = new ArrayList<>();
            List<Runnable> rowWrites = new ArrayList<>();
            List<Runnable> keyWrites = new ArrayList<>();
            Map<String, EntryState> createdHere = new HashMap<>();
            for (int n = 0; n < toRecord.size(); n++) {
                int index = toRecord.get(n);
                MarkItem item = items.get(index);
                RecordMark mark = marks.get(n);
                RequestMetadata metadata = item.idempotencyKey() == null ? request
                        : request.withIdempotency(item.idempotencyKey(), item.payloadHash());
                try {
                    MarkOutcome outcome;
                    if (createdHere.containsKey(mark.entryId())) {
                        // The same session again in this register: the entry's own decision, on the entry as this
                        // register has just made it.
                        outcome = RegisterEntryDecisions.decide(mark, createdHere.get(mark.entryId())).outcome();
                    } else if (existing.contains(mark.entryId())) {
                        // The entry has a history: its aggregate is loaded and decides.
                        outcome = commands.send(mark, metadata);
                    } else {
                        RegisterEntry created = create(mark, metadata);
                        outcome = created.creationOutcome();
                        createdHere.put(mark.entryId(), created.state());
                        rowWrites.add(() -> entries.created(created.state(), item.idempotencyKey(),
                                item.payloadHash()));
                    }
                    if (outcome.status() == MarkOutcome.Status.DUPLICATE && item.idempotencyKey() != null) {
                        keyWrites.add(() -> entries.keyFoundDuplicate(mark.id(), item.idempotencyKey(),
                                item.payloadHash()));
                    }
                    results[index] = new ItemResult(index, item, outcome.status(), outcome.version(), mark.entryId());
                } catch (RuleViolation violation) {
                    conflicts.add(ApiError.of(index, violation.field(), violation.code(), violation.detail()));
                }
            }
            if (!conflicts.isEmpty()) {
                throw rejected(HttpStatus.CONFLICT, ErrorCode.MARK_CONFLICT, conflicts,
                        "the register conflicts with entries already stored: nothing was stored");
            }
            // New rows first, then the keys of duplicates (one of which may name a row created just now).
            rowWrites.forEach(Runnable::run);
            keyWrites.forEach(Runnable::run);
            unitOfWork.commit();
            return List.of(results);
        } catch (DuplicateKeyException | ConcurrencyException | AggregateStreamCreationException raced) {
            rollbackIfActive(unitOfWork, raced);
            throw new LostRace();
        } catch (RuntimeException failure) {
            rollbackIfActive(unitOfWork, failure);
            throw failure;
        }
    }

    private static RecordMark command(String urn, MarkValidator.Checked checked) {
        MarkItem item = checked.item();
        return RecordMark.of(urn, item.upn(), item.date(), item.session(), item.code(), checked.minutesLate(),
                item.arrivalTime(), item.recordedBy(), item.recordedAt());
    }

    /**
     * The original entry of a session the register knows to have none, created through Axon inside the register's
     * unit of work: a nested unit of work for the command (so the correlation providers copy its metadata onto the
     * event, as the command bus would) and {@code Repository.newInstance}, which loads no stream and gives the event its
     * aggregate type and sequence 0. The register's commit appends every new entry in one JDBC batch, and the event
     * store's unique (stream, sequence) key refuses an entry another request created first.
     */
    private RegisterEntry create(RecordMark mark, RequestMetadata metadata) {
        CommandMessage<RecordMark> message = GenericCommandMessage.<RecordMark>asCommandMessage(mark)
                .andMetaData(metadata.asMetaData());
        UnitOfWork<CommandMessage<RecordMark>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        axon.correlationDataProviders().forEach(unitOfWork::registerCorrelationDataProvider);
        try {
            RegisterEntry created = registerEntries().newInstance(() -> RegisterEntry.original(mark))
                    .invoke(entry -> entry);
            unitOfWork.commit();
            return created;
        } catch (Exception failure) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(failure);
            }
            throw CommandSender.translate(failure);
        }
    }

    @SuppressWarnings("unchecked")
    private Repository<RegisterEntry> registerEntries() {
        return (Repository<RegisterEntry>) axon.repository(RegisterEntry.class);
    }

    /**
     * Items whose idempotency key was seen before are settled here: the same payload is a duplicate, a different one
     * is a conflict. Keys repeated inside the batch are held to the same rule. Returns the items still to record.
     */
    private List<Integer> resolveIdempotencyKeys(String urn, List<MarkItem> items, ItemResult[] results) {
        List<String> keys = items.stream().map(MarkItem::idempotencyKey).filter(k -> k != null).distinct().toList();
        Map<String, KnownKey> known = entries.knownKeys(urn, keys);
        Map<String, String> hashSeenInBatch = new HashMap<>();
        List<ApiError> conflicts = new ArrayList<>();
        List<Integer> toRecord = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            MarkItem item = items.get(index);
            String key = item.idempotencyKey();
            if (key == null) {
                toRecord.add(index);
                continue;
            }
            String hash = item.payloadHash();
            KnownKey stored = known.get(key);
            if (stored != null && stored.payloadHash() == null) {
                // A key recorded before payload hashes were canonical (V440): the session is part of the payload, so
                // another session is a different payload; for its own session the entry decides.
                if (stored.entryId().equals(new RegisterEntryId(urn, item.upn(), item.date(), item.session()).value())) {
                    toRecord.add(index);
                } else {
                    conflicts.add(reusedKey(index, key));
                }
                continue;
            }
            String earlier = stored != null ? stored.payloadHash() : hashSeenInBatch.get(key);
            if (earlier != null && !earlier.equals(hash)) {
                conflicts.add(reusedKey(index, key));
            } else if (stored != null) {
                results[index] = new ItemResult(index, item, MarkOutcome.Status.DUPLICATE, stored.currentVersion(),
                        stored.entryId());
            } else {
                hashSeenInBatch.put(key, hash);
                toRecord.add(index);
            }
        }
        if (!conflicts.isEmpty()) {
            throw rejected(HttpStatus.CONFLICT, ErrorCode.IDEMPOTENCY_CONFLICT, conflicts,
                    "an idempotency key was reused with a different payload: nothing was stored");
        }
        return toRecord;
    }

    private static ApiError reusedKey(int index, String key) {
        return ApiError.of(index, "idempotencyKey", ErrorCode.IDEMPOTENCY_CONFLICT,
                "idempotency key " + key + " was already used for a different mark");
    }

    private static void rollbackIfActive(UnitOfWork<?> unitOfWork, Throwable cause) {
        if (unitOfWork.isActive() && !unitOfWork.isRolledBack()) {
            unitOfWork.rollback(cause);
        }
    }

    /** The main code is the one all errors share, or the fallback when they differ. */
    static RequestRejected rejected(HttpStatus status, ErrorCode fallback, List<ApiError> errors, String detail) {
        ErrorCode main = errors.stream().map(ApiError::code).distinct().count() == 1
                ? ErrorCode.valueOf(errors.get(0).code()) : fallback;
        return new RequestRejected(status, main, detail, errors);
    }

}
