package org.attendanceledger.service.register;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.register.api.MarkOutcome;
import org.attendanceledger.register.api.RecordMark;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.NewStreams;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.register.RegisterEntryDirectory.KnownKey;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory;
import org.attendanceledger.service.school.SchoolDirectory.SchoolRecord;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataIntegrityViolationException;
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

    public MarkIngestService(SchoolDirectory schools, MarkValidator validator, RegisterEntryDirectory entries,
                             CommandSender commands, TransactionManager transactionManager) {
        this.schools = schools;
        this.validator = validator;
        this.entries = entries;
        this.commands = commands;
        this.transactionManager = transactionManager;
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

        ItemResult[] results = new ItemResult[items.size()];
        List<Integer> toRecord = resolveIdempotencyKeys(urn, items, results);

        List<ApiError> conflicts = new ArrayList<>();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        try {
            declareNewEntries(urn, items, toRecord, unitOfWork);
            for (int index : toRecord) {
                MarkValidator.Checked checked = validation.checked().get(index);
                MarkItem item = checked.item();
                RecordMark command = RecordMark.of(urn, item.upn(), item.date(), item.session(), item.code(),
                        checked.minutesLate(), item.arrivalTime(), item.recordedBy(), item.recordedAt());
                RequestMetadata metadata = item.idempotencyKey() == null ? request
                        : request.withIdempotency(item.idempotencyKey(), item.payloadHash());
                try {
                    MarkOutcome outcome = commands.send(command, metadata);
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
        } catch (DataIntegrityViolationException | ConcurrencyException | AggregateStreamCreationException raced) {
            rollbackIfActive(unitOfWork, raced);
            throw RequestRejected.single(HttpStatus.CONFLICT, ErrorCode.VERSION_CONFLICT, null,
                    "another request stored some of these marks at the same moment; retry the request");
        } catch (RuntimeException failure) {
            rollbackIfActive(unitOfWork, failure);
            throw failure;
        }
        return List.of(results);
    }

    /** Entries with no original entry yet need not be read from the store: one query answers for the batch. */
    private void declareNewEntries(String urn, List<MarkItem> items, List<Integer> toRecord, UnitOfWork<?> unitOfWork) {
        List<RegisterEntryId> ids = toRecord.stream().map(items::get)
                .map(item -> new RegisterEntryId(urn, item.upn(), item.date(), item.session())).distinct().toList();
        Set<String> existing = entries.existing(urn, ids);
        NewStreams.declare(unitOfWork, ids.stream().map(RegisterEntryId::value)
                .filter(id -> !existing.contains(id)).toList());
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
