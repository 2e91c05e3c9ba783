package org.attendanceledger.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.attendanceledger.bench.MarkGenerator.Mark;
import org.attendanceledger.bench.MarkGenerator.RegisterBatch;
import org.attendanceledger.bench.Population.Pupil;
import org.attendanceledger.bench.Population.School;
import org.attendanceledger.calendar.SessionSlot;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One run: a PostgreSQL the benchmark manages, the service jar against it, a synthetic population posted through the
 * HTTP API, then the physical baseline in the same database, a rebuild of every projection, and the LA queries.
 * Prints a table and, last, one result line.
 */
public final class Benchmark {

    private static final Map<String, String> TEACHER = Map.of("name", "Tom Teacher", "position", "Class teacher");
    private static final Map<String, String> HEAD =
            Map.of("name", "Ann Head", "position", "Headteacher", "staffId", "S-HEAD");

    public static void main(String[] args) throws Exception {
        // scale/run: the same population and ingest with one, two and three nodes on one database.
        if (args.length > 0 && args[0].equals("scale")) {
            Scale.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // la-reads: the LA reads again, against a service a --hold run left up (or a new build started on its data).
        if (args.length > 0 && args[0].equals("la-reads")) {
            laReads(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options options = Options.parse(args);
        PopulationPlan plan = options.plan();
        Path out = options.out.resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);
        Report report = new Report();
        report.note("mode", options.quick ? "quick" : "full");
        report.note("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        report.note("clients", String.valueOf(options.clients));

        try (EmbeddedPostgres postgres = startDatabase(out.resolve("postgres"), options.sqlProfile)) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
            try (ServiceProcess service = ServiceProcess.start(options.jar, jdbcUrl, token, out.resolve("service.log"),
                    options.heap, options.serviceJvmOptions)) {
                LedgerHttp http = new LedgerHttp("http://localhost:" + service.port, token);
                Population population = Population.generate(plan);
                long setUpStart = System.nanoTime();
                setUp(http, population, options.clients);
                report.timing("set-up (schools, calendars, " + population.pupils() + " admissions)", setUpStart);

                DataSource dataSource = dataSource(jdbcUrl);
                SqlProfile sql = options.sqlProfile ? SqlProfile.start(dataSource) : null;
                CpuShares cpu = new CpuShares(service.pid(), postmasterPid(out.resolve("postgres")));
                CpuShares.Snapshot ingestStart = cpu.snapshot();
                Ingest ingest = ingest(List.of(http), population, new MarkGenerator(plan.seed()), options.clients);
                report.rate("ingest: marks posted through the API", ingest.marks, ingest.seconds, "marks/s");
                report.note("CPU during ingest", CpuShares.between(ingestStart, cpu.snapshot()));
                // What an LA officer waits for: from the first post until the projections hold the last mark.
                double e2eSeconds = ingest.seconds + awaitProjections(dataSource, countEvents(dataSource));
                report.rate("end to end: posted and projected", ingest.marks, e2eSeconds, "marks/s");
                if (sql != null) {
                    String statements = sql.top(dataSource, 20);
                    System.out.println(statements);
                    Files.writeString(out.resolve("sql-profile.txt"), statements);
                }
                report.note("ingest batch latency p50/p99 ms",
                        String.format(Locale.ROOT, "%.1f / %.1f", ingest.latencies.percentile(50),
                                ingest.latencies.percentile(99)));
                long amendStart = System.nanoTime();
                int amendments = amend(http, population, new MarkGenerator(plan.seed()), options.clients);
                report.rate("amendments posted", amendments, (System.nanoTime() - amendStart) / 1e9, "amendments/s");

                long baselineRows = Math.min(ingest.marks, options.quick ? 300_000 : 1_000_000);
                Baseline.Median baselines = Baseline.median(dataSource, options.clients, Population.CLASS_SIZE,
                        baselineRows, 3);
                Baseline.Result baseline = baselines.median();
                report.rate("baseline: JDBC batches of " + Population.CLASS_SIZE + ", " + options.clients
                        + " clients, median of 3", baseline.rows(), baseline.seconds(), "rows/s");
                report.note("baseline runs (rows/s)", baselines.ratesText());
                Baseline.Result bulk = Baseline.run(dataSource, 1, 1000, baselineRows);
                report.rate("(context) JDBC batches of 1000, 1 client", bulk.rows(), bulk.seconds(), "rows/s");

                Rebuild rebuild = rebuild(http, dataSource);
                if (rebuild != null) {
                    report.rate("rebuild: all projections from the event store", rebuild.events, rebuild.seconds,
                            "events/s");
                }
                LaReads la = LaReads.measure(http, plan.laCode(), ingest.halfway, options.quick ? 100 : 200);
                la.report(report, population.pupils() + " pupils");

                double ingestRatio = ingest.rate() / baseline.rowsPerSecond();
                String rebuildRatio = rebuild == null ? "n/a"
                        : String.format(Locale.ROOT, "%.3f", rebuild.rate() / baseline.rowsPerSecond());
                double e2eRatio = ingest.marks / e2eSeconds / baseline.rowsPerSecond();
                String line = String.format(Locale.ROOT,
                        "ingest_vs_baseline=%.3f rebuild_vs_baseline=%s e2e_vs_baseline=%.3f %s cores=%d marks=%d",
                        ingestRatio, rebuildRatio, e2eRatio, la.line(),
                        Runtime.getRuntime().availableProcessors(), ingest.marks);
                String table = report.render();
                System.out.println(table);
                System.out.println(line);
                Files.writeString(out.resolve("result.txt"), table + "\n" + line + "\n");
                if (options.hold) {
                    hold(service, jdbcUrl, token, plan, ingest.halfway);
                }
            }
        }
    }

    /**
     * {@code la-reads --url=U --token=T --la=CODE --as-known=INSTANT [--samples=N]}: the LA reads of a run measured
     * again, the same way, against a service holding a run's data; prints the table's LA rows and their result fields.
     */
    private static void laReads(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("unknown option " + arg
                        + " (use --url=U --token=T --la=CODE --as-known=INSTANT [--samples=N])");
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        for (String required : List.of("url", "token", "la", "as-known")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("la-reads needs --" + required + "=");
            }
        }
        LedgerHttp http = new LedgerHttp(options.get("url"), options.get("token"));
        LaReads la = LaReads.measure(http, options.get("la"), Instant.parse(options.get("as-known")),
                Integer.parseInt(options.getOrDefault("samples", "200")));
        Report report = new Report();
        la.report(report, "held run's data");
        System.out.println(report.render());
        System.out.println(la.line());
    }

    /**
     * {@code --hold}: keeps the database and the service up after the run, for profiling a read against the data the
     * run left (EXPLAIN in psql, a flight recording, a new build started against the same database) until killed.
     */
    private static void hold(ServiceProcess service, String jdbcUrl, String token, PopulationPlan plan,
                             Instant halfway) throws InterruptedException {
        System.out.println("holding: service pid " + service.pid() + " at http://localhost:" + service.port
                + " (token " + token + ", LA " + plan.laCode() + ", halfway " + halfway + "), database " + jdbcUrl);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** A PostgreSQL of the benchmark's own, on a fresh data directory. */
    static EmbeddedPostgres startDatabase(Path dataDirectory) throws java.io.IOException {
        return startDatabase(dataDirectory, false);
    }

    /** With {@code sqlProfile}, PostgreSQL loads pg_stat_statements, to say which statements took its time. */
    static EmbeddedPostgres startDatabase(Path dataDirectory, boolean sqlProfile) throws java.io.IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory).setCleanDataDirectory(true)
                // The same durability as the service's embedded default: a benchmark with fsync off measures nothing.
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "1GB");
        if (sqlProfile) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
                    .setServerConfig("auto_explain.log_min_duration", "20");
        }
        return builder.start();
    }

    /** The postmaster's pid, the first line of the {@code postmaster.pid} it keeps in its data directory. */
    static long postmasterPid(Path dataDirectory) throws java.io.IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    }

    static void setUp(LedgerHttp http, Population population, int clients) throws Exception {
        for (School school : population.schools()) {
            http.expect(201, http.post("/api/v1/schools", Map.of("urn", school.urn(), "name", "Bench school "
                    + school.urn(), "laCode", school.laCode(), "amRegisterStart", "08:50", "pmRegisterStart", "13:15",
                    "registerWindowMinutes", 30)), "create school");
            http.expect(200, http.put("/api/v1/schools/" + school.urn() + "/calendars/" + BenchCalendar.ACADEMIC_YEAR,
                    BenchCalendar.publishRequest(HEAD)), "publish calendar");
            http.expect(201, http.post("/api/v1/schools/" + school.urn() + "/staff-grants", Map.of("staffId", "S-HEAD",
                    "name", "Ann Head", "position", "Headteacher", "scopes", List.of("AUTHORISE_ABSENCE"),
                    "from", "2024-09-01", "by", HEAD)), "grant");
        }
        List<Runnable> admissions = new ArrayList<>();
        for (School school : population.schools()) {
            for (Pupil pupil : school.pupils()) {
                admissions.add(() -> http.expect(201, http.post("/api/v1/schools/" + school.urn() + "/pupils",
                        Map.of("upn", pupil.upn(), "startingDay", "2024-09-04", "yearGroup", pupil.yearGroup(),
                                "by", HEAD)), "admit"));
            }
        }
        runAll(admissions, clients);
    }

    /** {@code halfway}: when the ledger had received half of the registers, for the as-known-at queue. */
    record Ingest(long marks, double seconds, Latency latencies, Instant halfway) {
        double rate() {
            return marks / seconds;
        }
    }

    /**
     * Every class register of every school for every session, in the order the sessions happen; with several nodes,
     * the registers go to them in turn.
     */
    static Ingest ingest(List<LedgerHttp> nodes, Population population, MarkGenerator generator, int clients)
            throws Exception {
        List<SessionSlot> sessions = BenchCalendar.sessions();
        List<int[]> work = new ArrayList<>();
        for (int s = 0; s < sessions.size(); s++) {
            for (int school = 0; school < population.schools().size(); school++) {
                for (int c = 0; c < population.schools().get(school).classes(); c++) {
                    work.add(new int[] {s, school, c});
                }
            }
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong marks = new AtomicLong();
        AtomicReference<Instant> halfway = new AtomicReference<>();
        Latency latency = new Latency();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                int index;
                while ((index = next.getAndIncrement()) < work.size()) {
                    int[] item = work.get(index);
                    School school = population.schools().get(item[1]);
                    RegisterBatch batch = generator.batch(school, item[2], sessions.get(item[0]));
                    LedgerHttp http = nodes.get(index % nodes.size());
                    long sent = System.nanoTime();
                    http.expect(200, http.post("/api/v1/schools/" + school.urn() + "/marks",
                            Map.of("marks", batch.marks().stream().map(Benchmark::markBody).toList())), "post marks");
                    latency.record((System.nanoTime() - sent) / 1e6);
                    marks.addAndGet(batch.marks().size());
                    if (index == work.size() / 2) {
                        halfway.set(Instant.now());
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Ingest(marks.get(), seconds, latency, halfway.get());
    }

    private static Map<String, Object> markBody(Mark mark) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("upn", mark.upn());
        body.put("date", mark.date().toString());
        body.put("session", mark.session().name());
        body.put("code", mark.code());
        if (mark.minutesLate() != null) {
            body.put("minutesLate", mark.minutesLate());
        }
        body.put("idempotencyKey", mark.upn() + "-" + mark.date() + "-" + mark.session());
        body.put("recordedBy", TEACHER);
        body.put("recordedAt", mark.date() + "T09:00:00+01:00");
        return body;
    }

    /** N marks resolved later, as schools do within five school days: most to O, some to I by the head. */
    private static int amend(LedgerHttp http, Population population, MarkGenerator generator, int clients)
            throws Exception {
        List<Runnable> amendments = new ArrayList<>();
        for (School school : population.schools()) {
            for (Pupil pupil : school.pupils()) {
                for (SessionSlot slot : BenchCalendar.sessions()) {
                    if (!"N".equals(generator.mark(pupil, slot).code())) {
                        continue;
                    }
                    String resolution = generator.resolutionOfN(pupil, slot);
                    if (resolution == null) {
                        continue;
                    }
                    String path = "/api/v1/schools/" + school.urn() + "/marks/" + pupil.upn() + "/" + slot.date() + "/"
                            + slot.session() + "/amendments";
                    Map<String, Object> body = Map.of("code", resolution, "reason",
                            "O".equals(resolution) ? "no reason received" : "parent confirmed illness",
                            "amendedBy", HEAD, "amendedAt", slot.date().plusDays(3) + "T10:00:00Z");
                    amendments.add(() -> http.expect(201, http.post(path, body), "amend"));
                }
            }
        }
        runAll(amendments, clients);
        return amendments.size();
    }

    /** The LA reads the targets name, each asked {@code samples} times in a row after a fifth as many to warm up. */
    record LaReads(Latency penalty, Latency penaltyAsKnown, Latency absence) {

        static LaReads measure(LedgerHttp http, String laCode, Instant halfway, int samples) {
            Latency penalty = query(http, "/api/v1/las/" + laCode
                    + "/penalty-threshold?from=2024-09-01&to=2025-07-31", samples);
            Latency absence = query(http, "/api/v1/las/" + laCode
                    + "/absence-lists/persistent?academicYear=2024-25&asOf=2025-07-31", samples);
            // As the ledger knew it halfway through ingest: the auditors' replay (issue 9) has the same target.
            Latency penaltyAsKnown = query(http, "/api/v1/las/" + laCode
                    + "/penalty-threshold?from=2024-09-01&to=2025-07-31&asKnownAt=" + halfway, samples);
            return new LaReads(penalty, penaltyAsKnown, absence);
        }

        /** {@code data}: whose data, as the table names it ("20000 pupils"). */
        void report(Report report, String data) {
            report.latency("LA penalty-threshold (" + data + ")", penalty);
            report.latency("LA penalty-threshold as known halfway through ingest", penaltyAsKnown);
            report.latency("LA persistent-absence list (" + data + ")", absence);
        }

        String line() {
            return "la_penalty_p99_ms=" + penalty.p99Text() + " la_absence_p99_ms=" + absence.p99Text()
                    + " la_penalty_asknown_p99_ms=" + penaltyAsKnown.p99Text();
        }
    }

    record Rebuild(long events, double seconds) {
        double rate() {
            return events / seconds;
        }
    }

    /**
     * Starts a rebuild (202 with a job) and follows the job until it ends: the time from the request to the first
     * poll that sees it SUCCEEDED (polled every 100 ms), and the events the job reports replayed.
     */
    private static Rebuild rebuild(LedgerHttp http, DataSource dataSource) throws java.sql.SQLException {
        long stored = countEvents(dataSource);
        long start = System.nanoTime();
        LedgerHttp.Reply reply = http.post("/api/v1/admin/projections/rebuild", Map.of());
        if (reply.status() == 404) {
            System.err.println("no rebuild endpoint in this build: rebuild not measured");
            return null;
        }
        http.expect(202, reply, "rebuild");
        String job = "/api/v1/admin/projections/rebuild/" + reply.body().path("id").asText();
        while (true) {
            LedgerHttp.Reply progress = http.get(job);
            http.expect(200, progress, "rebuild progress");
            String state = progress.body().path("state").asText();
            if (!state.equals("RUNNING")) {
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!state.equals("SUCCEEDED")) {
                    throw new IllegalStateException("the rebuild ended " + state + ": " + progress.body());
                }
                long events = progress.body().path("eventsReplayed").asLong();
                if (events < stored) {
                    throw new IllegalStateException("the rebuild replayed " + events + " of " + stored + " events");
                }
                return new Rebuild(events, seconds);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Seconds until every segment of the projection processor has passed the given number of events (its tracking
     * token's index reaches the store's highest global index then), polled every 50 ms.
     */
    private static double awaitProjections(DataSource dataSource, long events) throws Exception {
        long start = System.nanoTime();
        long head;
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            rows.next();
            head = rows.getLong(1);
        }
        while (true) {
            try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement("""
                    SELECT min((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint) FROM token_entry
                    WHERE processor_name = 'attendance-projections' AND token IS NOT NULL""");
                 var rows = statement.executeQuery()) {
                rows.next();
                long position = rows.getLong(1);
                if (!rows.wasNull() && position >= head) {
                    return (System.nanoTime() - start) / 1e9;
                }
            }
            if (System.nanoTime() - start > java.util.concurrent.TimeUnit.HOURS.toNanos(2)) {
                throw new IllegalStateException("the projections did not catch up with " + events + " events");
            }
            Thread.sleep(50);
        }
    }

    static long countEvents(DataSource dataSource) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * A read's latency: from sending the request to the last byte of the answer received, as the service's own time
     * (the benchmark's parse of a 1.6 MB answer into a tree, its own work, is done after the clock stops).
     */
    private static Latency query(LedgerHttp http, String path, int samples) {
        Latency latency = new Latency();
        for (int i = 0; i < samples / 5; i++) {
            http.get(path);
        }
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            LedgerHttp.Received received = http.getUnparsed(path);
            double millis = (System.nanoTime() - start) / 1e6;
            if (received.status() == 404) {
                System.err.println(path + " is not served by this build: not measured");
                return Latency.notMeasured();
            }
            http.expect(200, received.parsed(), path);
            latency.record(millis);
        }
        return latency;
    }

    private static void runAll(List<Runnable> tasks, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable task : tasks) {
            futures.add(pool.submit(task));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
    }

    static DataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser("postgres");
        dataSource.setReWriteBatchedInserts(true);
        return dataSource;
    }

    record Options(boolean quick, long seed, int clients, Path jar, Path out, String heap, int schools,
                   int pupilsPerSchool, List<String> serviceJvmOptions, boolean sqlProfile, boolean hold) {
        /** The quick or full plan, or the schools and pupils asked for. */
        PopulationPlan plan() {
            PopulationPlan plan = quick ? PopulationPlan.quick(seed) : PopulationPlan.full(seed);
            if (schools > 0) {
                plan = new PopulationPlan(plan.seed(), schools, pupilsPerSchool > 0
                        ? pupilsPerSchool : plan.pupilsPerSchool(), plan.laCode(), plan.secondaryShare());
            }
            return plan;
        }

        static Options parse(String[] args) {
            boolean quick = false;
            long seed = 20240904L;
            int clients = 4;
            Path jar = Path.of("ledger-api/target/ledger-api.jar");
            Path out = Path.of("bench/out");
            String heap = "4g";
            int schools = 0;
            int pupilsPerSchool = 0;
            List<String> serviceJvmOptions = new ArrayList<>();
            boolean sqlProfile = false;
            boolean hold = false;
            for (String arg : args) {
                if (arg.equals("--quick")) {
                    quick = true;
                } else if (arg.equals("--sql-profile")) {
                    sqlProfile = true;
                } else if (arg.equals("--hold")) {
                    hold = true;
                } else if (arg.startsWith("--seed=")) {
                    seed = Long.parseLong(arg.substring(7));
                } else if (arg.startsWith("--clients=")) {
                    clients = Integer.parseInt(arg.substring(10));
                } else if (arg.startsWith("--jar=")) {
                    jar = Path.of(arg.substring(6));
                } else if (arg.startsWith("--out=")) {
                    out = Path.of(arg.substring(6));
                } else if (arg.startsWith("--schools=")) {
                    schools = Integer.parseInt(arg.substring(10));
                } else if (arg.startsWith("--pupils-per-school=")) {
                    pupilsPerSchool = Integer.parseInt(arg.substring(20));
                } else if (arg.startsWith("--service-jvm=")) {
                    serviceJvmOptions.add(arg.substring(14));
                } else if (arg.startsWith("--heap=")) {
                    heap = arg.substring(7);
                } else {
                    throw new IllegalArgumentException("unknown option " + arg
                            + " (use --quick, --seed=N, --clients=N, --schools=N, --pupils-per-school=N, --jar=PATH,"
                            + " --out=DIR, --heap=4g, --service-jvm=OPTION, --sql-profile, --hold)");
                }
            }
            return new Options(quick, seed, clients, jar, out, heap, schools, pupilsPerSchool, serviceJvmOptions,
                    sqlProfile, hold);
        }
    }
}
