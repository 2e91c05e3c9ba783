package org.attendanceledger.service.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Collects an event handler's row writes for the current unit of work and sends them as one JDBC batch per statement
 * when it commits, instead of one round trip per event. Statements run in the order they were first used.
 */
public final class BatchedWrites {

    private final JdbcTemplate jdbc;
    private final String resourceKey;

    public BatchedWrites(JdbcTemplate jdbc, String name) {
        this.jdbc = jdbc;
        this.resourceKey = BatchedWrites.class.getName() + ":" + name;
    }

    public void add(String sql, Object... arguments) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, arguments);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Map<String, List<Object[]>> pending = unitOfWork.getOrComputeResource(resourceKey, key -> {
            Map<String, List<Object[]>> writes = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> flush(writes));
            return writes;
        });
        pending.computeIfAbsent(sql, s -> new ArrayList<>()).add(arguments);
    }

    private void flush(Map<String, List<Object[]>> writes) {
        writes.forEach(jdbc::batchUpdate);
        writes.clear();
    }
}
