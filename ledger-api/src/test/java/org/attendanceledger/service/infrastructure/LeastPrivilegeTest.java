package org.attendanceledger.service.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/** The service runs as a role that may only INSERT and SELECT the event store and the log, and owns nothing. */
class LeastPrivilegeTest extends LedgerApiTest {

    private static final List<String> APPEND_ONLY_TABLES = List.of("domain_event_entry", "audit_log_entry",
            "audit_log_subtree", "audit_log_tree_head", "audit_log_signing_key", "audit_amendment");

    @Test
    void the_service_connects_as_the_application_role_which_owns_no_table_and_is_no_superuser() {
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("ledger_app");
        assertThat(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class))
                .isFalse();
        assertThat(jdbc.queryForList("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'",
                String.class)).containsExactly("ledger_owner");
    }

    @Test
    void the_application_role_is_refused_update_of_an_event_by_privilege_not_by_the_trigger() {
        fixtures().exampleSchool();

        assertThatThrownBy(() -> jdbc.update("UPDATE domain_event_entry SET payload_type = 'x'"))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"))
                .hasStackTraceContaining("permission denied for table domain_event_entry");
    }

    @Test
    void the_application_role_may_only_insert_and_select_the_event_store_and_the_log() {
        for (String table : APPEND_ONLY_TABLES) {
            for (String privilege : List.of("SELECT", "INSERT")) {
                assertThat(hasPrivilege(table, privilege)).as(privilege + " on " + table).isTrue();
            }
            for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE")) {
                assertThat(hasPrivilege(table, privilege)).as(privilege + " on " + table).isFalse();
            }
        }
    }

    @Test
    void the_read_models_lookups_and_token_store_keep_their_normal_privileges() {
        for (String table : List.of("token_entry", "register_entry", "projection_current_mark", "api_key",
                "audit_log_gap")) {
            for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
                assertThat(hasPrivilege(table, privilege)).as(privilege + " on " + table).isTrue();
            }
        }
        assertThat(hasPrivilege("projection_current_mark", "TRUNCATE")).as("a rebuild empties the read models")
                .isTrue();
    }

    private boolean hasPrivilege(String table, String privilege) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT has_table_privilege(current_user, ?, ?)",
                Boolean.class, table, privilege));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
