package org.attendanceledger.service.support;

import org.attendanceledger.service.audit.LogAppender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the HTTP tests: the real service on a random port, on a real (embedded) PostgreSQL with a fresh data
 * directory per test run. Every test class shares one application context, so each test makes its own school.
 * Metrics export stays on, as in production, so the Prometheus endpoint can be tested.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.data-dir=target/test-ledger-data/${random.uuid}",
        "ledger.bootstrap-admin-token=" + LedgerApiTest.ADMIN_TOKEN,
        // Every test runs against a processor split into four segments on four threads, more than the build
        // machine's cores, so that schools really are handled concurrently and out of each other's order.
        "ledger.projections.segments=4",
        "ledger.projections.threads=4"
})
public abstract class LedgerApiTest {

    public static final String ADMIN_TOKEN = "test-bootstrap-admin-token";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private LogAppender logAppender;

    private LedgerClient client;
    private Fixtures fixtures;

    /** A client that calls as the bootstrap admin. */
    protected LedgerClient api() {
        if (client == null) {
            client = new LedgerClient("http://localhost:" + port, ADMIN_TOKEN);
        }
        return client;
    }

    protected Fixtures fixtures() {
        if (fixtures == null) {
            fixtures = new Fixtures(api());
        }
        return fixtures;
    }

    /**
     * Waits until the tamper-evident log holds every event committed so far and a head is signed at that size (the
     * appender logs a moment after commit; the feed and the log's reads show logged events only).
     */
    protected void awaitLogged() {
        logAppender.catchUp();
    }

    protected long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }
}
