package org.attendanceledger.service.infrastructure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-setup default: with no {@code spring.datasource.url}, a real PostgreSQL runs in-process with its data in
 * {@code ledger.data-dir}, kept across restarts. fsync and synchronous_commit are on: the register is evidence, and an
 * acknowledged mark must survive a power cut.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(@Value("${ledger.data-dir}") Path dataDir) throws IOException {
        Path pgData = dataDir.toAbsolutePath().resolve("postgres");
        Files.createDirectories(pgData);
        log.info("Starting the embedded PostgreSQL with its data in {}", pgData);
        return EmbeddedPostgres.builder()
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
    }

    @Bean
    public DataSource dataSource(EmbeddedPostgres postgres,
                                 @Value("${ledger.datasource.pool-size:16}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("ledger");
        // Lets the driver send a JDBC batch as multi-row INSERTs: one round trip for a register's events.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // PostgreSQL quotes the offending row in its errors (a UPN in a duplicate key); keep it out of exceptions and logs.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }
}
