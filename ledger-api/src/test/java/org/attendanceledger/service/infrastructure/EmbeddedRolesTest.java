package org.attendanceledger.service.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A data directory made by an earlier version holds tables the superuser created. Starting this version creates the two
 * roles and hands those tables to the owner, so the owner's migrations can grant on them; doing it again changes
 * nothing.
 */
class EmbeddedRolesTest {

    @TempDir
    Path dataDir;

    @Test
    void the_roles_are_created_once_and_tables_of_an_earlier_version_pass_to_the_owner() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).start()) {
            JdbcTemplate superuser = new JdbcTemplate(postgres.getPostgresDatabase());
            superuser.execute("CREATE TABLE made_by_an_earlier_version (id BIGSERIAL PRIMARY KEY)");

            String superuserUrl = postgres.getJdbcUrl("postgres", "postgres");
            EmbeddedDatabaseConfiguration.createRoles(superuserUrl, "ledger_app");
            EmbeddedDatabaseConfiguration.createRoles(superuserUrl, "ledger_app");

            assertThat(superuser.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = ?", String.class,
                    "made_by_an_earlier_version")).isEqualTo(EmbeddedDatabaseConfiguration.OWNER_ROLE);
            assertThat(superuser.queryForObject("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = ?",
                    String.class, "made_by_an_earlier_version_id_seq")).isEqualTo("ledger_owner");
            assertThat(superuser.queryForList("SELECT rolname FROM pg_roles WHERE rolname IN ('ledger_owner', "
                    + "'ledger_app') AND rolcanlogin AND NOT rolsuper ORDER BY rolname", String.class))
                    .containsExactly("ledger_app", "ledger_owner");
        }
    }
}
