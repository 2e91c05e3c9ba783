package org.attendanceledger.service.infrastructure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code db} health check, answered within a bound: Spring Boot's own waits for a pooled connection as long as
 * any request does, so with the database gone {@code /actuator/health} took the pool's whole timeout to say DOWN.
 * The check runs on a small pool of its own threads and is given up on, DOWN, after {@code ledger.health.db-timeout}.
 * Its name replaces Spring Boot's indicator of the same name.
 */
@Component("dbHealthIndicator")
public class DatabaseHealthIndicator implements HealthIndicator, DisposableBean {

    /** Checks left waiting on a hung database are few and each ends with the pool's connection timeout. */
    private static final int MAX_CHECKS_IN_FLIGHT = 4;

    private final DataSource dataSource;
    private final Duration timeout;
    private final ThreadPoolExecutor checks;

    public DatabaseHealthIndicator(DataSource dataSource,
                                   @Value("${ledger.health.db-timeout:500ms}") Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
        this.checks = new ThreadPoolExecutor(0, MAX_CHECKS_IN_FLIGHT, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "db-health-check");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public Health health() {
        Future<Health> check;
        try {
            check = checks.submit(this::check);
        } catch (RejectedExecutionException busy) {
            return Health.down().withDetail("error", "earlier checks are still waiting for the database").build();
        }
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException noAnswer) {
            check.cancel(true);
            return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        } catch (ExecutionException failed) {
            // The type only: a driver's message can quote connection details.
            return Health.down().withDetail("error", failed.getCause().getClass().getName()).build();
        }
    }

    private Health check() throws Exception {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(Math.max(1, (int) timeout.toSeconds()));
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                result.next();
            }
            return Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build();
        }
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
