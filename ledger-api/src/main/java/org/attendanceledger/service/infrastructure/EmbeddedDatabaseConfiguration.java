package org.attendanceledger.service.infrastructure;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The zero-setup default: with no {@code spring.datasource.url}, a real PostgreSQL runs in-process with its data in
 * {@code ledger.data-dir}, kept across restarts. fsync and synchronous_commit are on: the register is evidence, and an
 * acknowledged mark must survive a power cut. A server left running by a crashed predecessor is stopped first, and
 * one that dies under the running service is started again (see {@link EmbeddedPostgresServer}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** The owner of the schema, as whom Flyway migrates. */
    public static final String OWNER_ROLE = "ledger_owner";

    /**
     * Destroyed after the data source (which depends on it), and so after the event processors have stopped: Spring
     * stops every lifecycle component before it destroys any bean.
     */
    @Bean(destroyMethod = "close")
    public EmbeddedPostgresServer embeddedPostgres(
            @Value("${ledger.data-dir}") Path dataDir,
            @Value("${ledger.database.app-role}") String appRole,
            @Value("${ledger.embedded-database.port:0}") int port,
            @Value("${ledger.embedded-database.startup-wait:30s}") Duration startupWait,
            @Value("${ledger.embedded-database.watchdog-interval:500ms}") Duration watchdogInterval)
            throws IOException, SQLException {
        Path pgData = dataDir.toAbsolutePath().resolve("postgres");
        log.info("Starting the embedded PostgreSQL with its data in {}", pgData);
        Map<String, String> config = new LinkedHashMap<>();
        // zonky turns these off for throw-away test databases; this one holds the legal record.
        config.put("fsync", "on");
        config.put("synchronous_commit", "on");
        config.put("full_page_writes", "on");
        config.put("max_connections", "100");
        // The server's own log must not quote statements or key values: they carry UPNs and reason text.
        config.put("log_min_error_statement", "panic");
        config.put("log_error_verbosity", "terse");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(pgData, config, port, startupWait,
                watchdogInterval);
        try {
            createRoles(postgres.jdbcUrl("postgres"), appRole);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /**
     * Creates the owner and application roles if they are missing, and hands the schema and every table a data
     * directory of an earlier version created as the superuser to the owner, so its migrations can grant on them.
     * Roles live in the data directory, so a server the watchdog restarts has them already.
     */
    static void createRoles(String superuserUrl, String appRole) throws SQLException {
        try (Connection connection = DriverManager.getConnection(superuserUrl);
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
            // The owner creates the schema a rebuild writes into (V420), as the owner of an external database can.
            sql.execute("DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %%I TO %s', current_database()); END $$"
                    .formatted(OWNER_ROLE));
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
    public DataSource flywayDataSource(EmbeddedPostgresServer postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl(OWNER_ROLE));
        dataSource.setMaximumPoolSize(2);
        dataSource.setMinimumIdle(0);
        dataSource.setPoolName("ledger-owner");
        return dataSource;
    }

    /**
     * Hikari's settings, and the driver's connect and socket timeouts, come from {@code spring.datasource.hikari}
     * exactly as for an external database; only the URL and the pool size are set here.
     */
    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(EmbeddedPostgresServer postgres,
                                       @Value("${ledger.database.app-role}") String appRole,
                                       @Value("${ledger.datasource.pool-size:16}") int poolSize) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl(appRole));
        dataSource.setMaximumPoolSize(poolSize);
        dataSource.setPoolName("ledger");
        return dataSource;
    }
}
