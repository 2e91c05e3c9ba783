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
import org.attendanceledger.register.api.AttendanceMarkRecorded;
import org.attendanceledger.register.api.MarkOutcome;
import org.attendanceledger.register.api.RecordMark;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.register.RegisterEntryDirectory.KnownKey;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory;
import org.attendanceledger.service.school.SchoolDirectory.SchoolRecord;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Records a posted register. The whole batch is validated first and then stored in one unit of work and one
 * database transaction, so it is stored entirely or not at all, and its events reach the store in one JDBC batch.
 */
@Service
public class MarkIngestService {

    private final SchoolDirectory schools;
    private final MarkValidator validator;
    private final RegisterEntryDirectory entries;
    private final CommandSender commands;
    private final TransactionManager transactionManager;
    private final EventStore eventStore;

    public MarkIngestService(SchoolDirectory schools, MarkValidator validator, RegisterEntryDirectory entries,
                             CommandSender commands, TransactionManager transactionManager, EventStore eventStore) {
        this.schools = schools;
        this.validator = validator;
        this.entries = entries;
        this.commands = commands;
        this.transactionManager = transactionManager;
        this.eventStore = eventStore;
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
        MarkValidator.Result validation = validator.validate(school, items);
        if (!validation.errors().isEmpty()) {
            throw rejected(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, validation.errors(),
                    "the register was rejected whole: nothing was stored");
        }

        for (int attempt = 1; ; attempt++) {
            try {
                return store(urn, items, validation, request);
            } catch (LostRace race) {
                // Another request stored some of these sessions first. Looking again turns an identical retry into
                // DUPLICATE and a different mark into a conflict, instead of asking the client to retry.
                if (attempt == RACE_ATTEMPTS) {
                    throw RequestRejected.single(HttpStatus.CONFLICT, ErrorCode.VERSION_CONFLICT, null,
                            "other requests kept storing these marks at the same moment; retry the request");
                }
            }
        }
    }

    /** Stores a validated register in one unit of work, or throws {@link LostRace} having stored nothing. */
    private List<ItemResult> store(String urn, List<MarkItem> items, MarkValidator.Result validation,
                                   RequestMetadata request) {
        ItemResult[] results = new ItemResult[items.size()];
        List<Integer> toRecord = resolveIdempotencyKeys(urn, items, results);

        List<ApiError> conflicts = new ArrayList<>();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        try {
            Set<String> existing = entries.existing(urn, toRecord.stream().map(items::get)
                    .map(item -> new RegisterEntryId(urn, item.upn(), item.date(), item.session())).toList());
            Map<String, RecordMark> recordedInBatch = new HashMap<>();
            for (int index : toRecord) {
                MarkValidator.Checked checked = validation.checked().get(index);
                MarkItem item = checked.item();
                RecordMark command = RecordMark.of(urn, item.upn(), item.date(), item.session(), item.code(),
                        checked.minutesLate(), item.arrivalTime(), item.recordedBy(), item.recordedAt());
                RequestMetadata metadata = item.idempotencyKey() == null ? request
                        : request.withIdempotency(item.idempotencyKey(), item.payloadHash());
                try {
                    MarkOutcome outcome;
                    if (existing.contains(command.entryId())) {
                        // The entry has a history: its aggregate decides between duplicate and conflict.
                        outcome = commands.send(command, metadata);
                    } else if (recordedInBatch.containsKey(command.entryId())) {
                        outcome = repeatWithinBatch(recordedInBatch.get(command.entryId()), command);
                    } else {
                        outcome = recordNew(command, metadata);
                        recordedInBatch.put(command.entryId(), command);
                    }
                    results[index] = new ItemResult(index, item, outcome.status(), outcome.version(),
                            command.entryId());
                } catch (RuleViolation violation) {
                    conflicts.add(ApiError.of(index, violation.field(), violation.code(), violation.detail()));
                }
            }
            if (!conflicts.isEmpty()) {
                unitOfWork.rollback();
                throw rejected(HttpStatus.CONFLICT, ErrorCode.MARK_CONFLICT, conflicts,
                        "the register conflicts with entries already stored: nothing was stored");
            }
            unitOfWork.commit();
        } catch (DuplicateKeyException | ConcurrencyException | AggregateStreamCreationException raced) {
            rollbackIfActive(unitOfWork, raced);
            throw new LostRace();
        } catch (RuntimeException failure) {
            rollbackIfActive(unitOfWork, failure);
            throw failure;
        }
        return List.of(results);
    }

    /**
     * A session with no entry yet gets its original entry straight from the entry's own decision, with no stream to
     * load and no command round trip: this is what makes a register one JDBC batch. The store's unique
     * (stream, sequence) key still refuses a second original entry, should another request race this one.
     */
    private MarkOutcome recordNew(RecordMark command, RequestMetadata metadata) {
        AttendanceMarkRecorded event = RegisterEntry.originalEntry(command);
        eventStore.publish(new GenericDomainEventMessage<>(RegisterEntry.class.getSimpleName(), command.entryId(),
                0L, event, metadata.asMetaData()));
        return new MarkOutcome(MarkOutcome.Status.RECORDED, 1, command.code());
    }

    /** The same session twice in one register: the same mark again is a duplicate, another one a conflict. */
    private static MarkOutcome repeatWithinBatch(RecordMark first, RecordMark again) {
        if (Objects.equals(first.code(), again.code()) && Objects.equals(first.minutesLate(), again.minutesLate())) {
            return new MarkOutcome(MarkOutcome.Status.DUPLICATE, 1, first.code());
        }
        throw new RuleViolation(ErrorCode.MARK_CONFLICT, "code", "the register gives this session two different marks, "
                + first.code() + " and " + again.code());
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
            String earlier = stored != null ? stored.payloadHash() : hashSeenInBatch.get(key);
            if (earlier != null && !earlier.equals(hash)) {
                conflicts.add(ApiError.of(index, "idempotencyKey", ErrorCode.IDEMPOTENCY_CONFLICT,
                        "idempotency key " + key + " was already used for a different mark"));
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
