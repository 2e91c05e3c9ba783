package org.attendanceledger.service.projection;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rebuild processor's transactions: the service's own, with the read models' unqualified names resolved first in
 * the schema the rebuild writes into. {@code SET LOCAL} lasts until the transaction ends, so a pooled connection goes
 * back to the pool as it came; every other table (the token store, the dead-letter queue) is found in public as
 * usual. PostgreSQL re-plans a prepared statement when the search path it was planned under changes.
 */
final class RebuildSchemaTransactionManager implements TransactionManager {

    static final String SCHEMA = "projection_rebuild";

    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;

    RebuildSchemaTransactionManager(TransactionManager transactions, JdbcTemplate jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = transactions.startTransaction();
        try {
            jdbc.execute("SET LOCAL search_path TO " + SCHEMA + ", public");
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
