package org.attendanceledger.service.infrastructure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The zero-setup default: with no {@code spring.datasource.url}, a real PostgreSQL runs in-process with its data in
 * {@code ledger.data-dir}, kept across restarts. fsync and synchronous_commit are on: the register is evidence, and an
 * acknowledged mark must survive a power cut.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** The owner of the schema, as whom Flyway migrates. */
    public static final String OWNER_ROLE = "ledger_owner";

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(@Value("${ledger.data-dir}") Path dataDir,
                                             @Value("${ledger.database.app-role}") String appRole)
            throws IOException, SQLException {
        Path pgData = dataDir.toAbsolutePath().resolve("postgres");
        Files.createDirectories(pgData);
        log.info("Starting the embedded PostgreSQL with its data in {}", pgData);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // zonky turns these off for throw-away test databases; this one holds the legal record.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                // The server's own log must not quote statements or key values: they carry UPNs and reason text.
                .setServerConfig("log_min_error_statement", "panic")
                .setServerConfig("log_error_verbosity", "terse")
                .start();
        try {
            createRoles(postgres, appRole);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /**
     * Creates the owner and application roles if they are missing, and hands the schema and every table a data
     * directory of an earlier version created as the superuser to the owner, so its migrations can grant on them.
     */
    static void createRoles(EmbeddedPostgres postgres, String appRole) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("""
                    DO $$
                    BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                            CREATE ROLE %1$s LOGIN;
                        END IF;
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%2$s') THEN
                            CREATE ROLE %2$s LOGIN;
                        END IF;
                    END
                    $$""".formatted(OWNER_ROLE, appRole));
            sql.execute("ALTER SCHEMA public OWNER TO " + OWNER_ROLE);
            sql.execute("""
                    DO $$
                    DECLARE t record;
                    BEGIN
                        FOR t IN SELECT tablename FROM pg_tables
                                 WHERE schemaname = 'public' AND tableowner <> '%1$s' LOOP
                            EXECUTE format('ALTER TABLE public.%%I OWNER TO %1$s', t.tablename);
                        END LOOP;
                    END
                    $$""".formatted(OWNER_ROLE));
        }
    }

    /** The owner's connection, for Flyway only. */
    @Bean
    @FlywayDataSource
    public DataSource flywayDataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl(OWNER_ROLE, "postgres"));
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setPoolName("ledger-owner");
        return new HikariDataSource(config);
    }

    @Bean
    @Primary
    public DataSource dataSource(EmbeddedPostgres postgres,
                                 @Value("${ledger.database.app-role}") String appRole,
                                 @Value("${ledger.datasource.pool-size:16}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl(appRole, "postgres"));
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("ledger");
        // Lets the driver send a JDBC batch as multi-row INSERTs: one round trip for a register's events.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // PostgreSQL quotes the offending row in its errors (a UPN in a duplicate key); keep it out of exceptions and logs.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }
}
