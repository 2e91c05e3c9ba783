package org.attendanceledger.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.attendanceledger.bench.Benchmark.Ingest;
import org.attendanceledger.bench.Population.School;

/**
 * scale/run: the same population and the same registers posted with one, two and three service nodes on one
 * PostgreSQL (a fresh one for each round), the registers spread over the nodes in turn. For each round it measures
 * ingest (marks acknowledged per second) and the projection (events per second from the first post until every
 * segment has handled the last event, whichever node holds it). Prints one table.
 *
 * <p>The projection processor has the same six segments in every round and each node as many threads as its share
 * (six, three, two), so that in every round all segments are claimed and each node holds an equal share: a tracking
 * processor's thread handles one segment, and the first node to start claims as many as it has threads.
 */
final class Scale {

    private static final int SEGMENTS = 6;
    private static final String PROCESSOR = "attendance-projections";

    private Scale() {
    }

    record Round(int nodes, long marks, double ingestSeconds, long events, double catchUpSeconds) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> nodeCounts = List.of(1, 2, 3);
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--nodes=")) {
                nodeCounts = Arrays.stream(arg.substring(8).split(",")).map(Integer::parseInt).toList();
            } else {
                rest.add(arg);
            }
        }
        Benchmark.Options options = Benchmark.Options.parse(rest.toArray(String[]::new));
        PopulationPlan plan = options.plan();
        Path out = options.out().resolve("scale-" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);
        List<Round> rounds = new ArrayList<>();
        for (int nodes : nodeCounts) {
            if (SEGMENTS % nodes != 0) {
                throw new IllegalArgumentException("--nodes: each count must divide the " + SEGMENTS + " segments");
            }
            Round round = round(nodes, plan, options, out.resolve(nodes + "-nodes"));
            rounds.add(round);
            System.out.printf(Locale.ROOT, "%d node(s): %,d marks in %.1f s; caught up %.1f s after the first post%n",
                    nodes, round.marks(), round.ingestSeconds(), round.catchUpSeconds());
        }
        String table = table(rounds, plan, options);
        System.out.println(table);
        Files.writeString(out.resolve("result.txt"), table);
    }

    private static Round round(int nodes, PopulationPlan plan, Benchmark.Options options, Path dir) throws Exception {
        Files.createDirectories(dir);
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
        List<String> jvm = new ArrayList<>(options.serviceJvmOptions());
        jvm.add("-Daxon.eventhandling.processors." + PROCESSOR + ".initial-segment-count=" + SEGMENTS);
        jvm.add("-Daxon.eventhandling.processors." + PROCESSOR + ".thread-count=" + SEGMENTS / nodes);
        List<ServiceProcess> services = new ArrayList<>();
        try (EmbeddedPostgres postgres = Benchmark.startDatabase(dir.resolve("postgres"))) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            List<LedgerHttp> http = new ArrayList<>();
            for (int n = 1; n <= nodes; n++) {
                // Each node in a directory of its own: ServiceProcess runs a copy of the jar next to its log.
                Path nodeDir = Files.createDirectories(dir.resolve("node-" + n));
                ServiceProcess service = ServiceProcess.start(options.jar(), jdbcUrl, token,
                        nodeDir.resolve("service.log"), options.heap(), jvm);
                services.add(service);
                http.add(new LedgerHttp("http://localhost:" + service.port, token));
            }
            Population population = Population.generate(plan);
            Benchmark.setUp(http.get(0), population, options.clients());
            School probeSchool = population.schools().get(0);
            String probe = "/api/v1/schools/" + probeSchool.urn() + "/pupils/" + probeSchool.pupils().get(0).upn()
                    + "/attendance?from=2024-09-04&to=2024-09-30";
            awaitCaughtUp(http.get(0), probe);
            DataSource database = Benchmark.dataSource(jdbcUrl);
            long eventsBefore = Benchmark.countEvents(database);

            long start = System.nanoTime();
            Ingest ingest = Benchmark.ingest(http, population, new MarkGenerator(plan.seed()), options.clients());
            awaitCaughtUp(http.get(http.size() - 1), probe);
            double catchUp = (System.nanoTime() - start) / 1e9;
            long events = Benchmark.countEvents(database) - eventsBefore;
            return new Round(nodes, ingest.marks(), ingest.seconds(), events, catchUp);
        } finally {
            for (ServiceProcess service : services) {
                service.close();
            }
        }
    }

    /**
     * A projection read waits (up to 5 s) until every segment has handled what was committed before it began, and
     * answers 503 until then: its first 200 after the last post is the moment the projection caught up.
     */
    private static void awaitCaughtUp(LedgerHttp http, String probe) throws InterruptedException {
        while (true) {
            LedgerHttp.Reply reply = http.get(probe);
            if (reply.status() == 200) {
                return;
            }
            if (reply.status() != 503) {
                http.expect(200, reply, "projection read");
            }
            Thread.sleep(20);
        }
    }

    private static String table(List<Round> rounds, PopulationPlan plan, Benchmark.Options options) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%d schools x %d pupils, %d clients, %d projection segments, %d cores, "
                        + "heap %s per node%n", plan.schools(), plan.pupilsPerSchool(), options.clients(), SEGMENTS,
                Runtime.getRuntime().availableProcessors(), options.heap()));
        table.append("| nodes | marks     | ingest s | ingest marks/s | events    | caught up s | projection events/s |\n");
        table.append("|-------|-----------|----------|----------------|-----------|-------------|---------------------|\n");
        for (Round round : rounds) {
            table.append(String.format(Locale.ROOT, "| %5d | %,9d | %8.1f | %,14.0f | %,9d | %11.1f | %,19.0f |%n",
                    round.nodes(), round.marks(), round.ingestSeconds(), round.marks() / round.ingestSeconds(),
                    round.events(), round.catchUpSeconds(), round.events() / round.catchUpSeconds()));
        }
        return table.toString();
    }
}
