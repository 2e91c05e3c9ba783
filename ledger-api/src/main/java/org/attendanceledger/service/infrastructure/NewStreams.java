package org.attendanceledger.service.infrastructure;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Aggregate streams a unit of work already knows to be empty, because the write side's strongly consistent lookup
 * (read in the same transaction) has no entry for them. Loading such an aggregate then costs no query. Should another
 * transaction create the same stream meanwhile, the append fails on the store's unique key and nothing is stored.
 */
public final class NewStreams {

    private static final String RESOURCE = NewStreams.class.getName();

    private NewStreams() {
    }

    public static void declare(UnitOfWork<?> unitOfWork, Collection<String> aggregateIdentifiers) {
        unitOfWork.root().<Set<String>>getOrComputeResource(RESOURCE, key -> new HashSet<>())
                .addAll(aggregateIdentifiers);
    }

    static boolean isDeclared(String aggregateIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        Set<String> declared = CurrentUnitOfWork.get().root().getResource(RESOURCE);
        return declared != null && declared.contains(aggregateIdentifier);
    }

    /** True once for a declared stream: a second load in the same unit of work reads the store as usual. */
    static boolean claim(String aggregateIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        Set<String> declared = CurrentUnitOfWork.get().root().getResource(RESOURCE);
        return declared != null && declared.remove(aggregateIdentifier);
    }
}
