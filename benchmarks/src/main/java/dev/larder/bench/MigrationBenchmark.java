package dev.larder.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Migrations from CI: N datastores × 3 migration commands through Kafka, until every MigrationSucceeded arrived,
 * beside plain Flyway applying the same files to N other schemas of the same server, serially and with as many
 * threads as the backend has command consumers; and the command-to-answer latency of a one-statement migration.
 * Optionally (when benchmarks/run passes a restart command) the Larder series again with the shadow run off.
 * Run through benchmarks/run, which starts the broker and the backend for it.
 *
 * <p>System properties: {@code bench.count} (datastores per burst, 200), {@code bench.latency} (one-statement
 * migrations, 50), {@code bench.threads} (floor threads; the backend's consumers, 4), {@code bench.warmup} (datastores
 * in each warm-up, 8), {@code bench.kafka} (bootstrap servers), {@code bench.restart-without-shadow} (a shell command
 * that restarts the backend with the shadow run off; without it that series is left out), {@code bench.stall-seconds}
 * (give up when no answer arrived for this long, 120), {@code bench.api}, {@code bench.token}, {@code bench.jdbc}.
 */
public final class MigrationBenchmark {

    private final int count = Integer.getInteger("bench.count", 200);
    private final int latency = Integer.getInteger("bench.latency", 50);
    private final int threads = Integer.getInteger("bench.threads", 4);
    private final int warmup = Integer.getInteger("bench.warmup", 8);
    private final String kafka = System.getProperty("bench.kafka", "127.0.0.1:9092");
    private final String restartWithoutShadow = System.getProperty("bench.restart-without-shadow", "");
    private final Duration stall = Duration.ofSeconds(Long.getLong("bench.stall-seconds", 120));
    private final String run = "bm" + Names.random(4);
    private final LarderApi api = LarderApi.fromSystemProperties();
    private final FlywayFloor floor = new FlywayFloor(System.getProperty("bench.jdbc", "jdbc:mysql://127.0.0.1:3306/"),
            "root", "");

    private final List<Stats> larderSeries = new ArrayList<>();
    private final List<Stats> latencySeries = new ArrayList<>();
    private Stats floorSerial;
    private Stats floorParallel;

    /** The datastores one backend configuration migrates, created before anything is measured. */
    private record Targets(List<Long> warmup, List<Long> burst, List<Long> latency) {
    }

    public static void main(String[] args) throws Exception {
        new MigrationBenchmark().run();
    }

    private void run() throws Exception {
        System.out.println("Run prefix (schemas and logins to clean up): " + run);
        boolean withoutShadow = !restartWithoutShadow.isBlank();
        String service = run + "_svc";
        api.createTeam(run + "-team");
        api.createService(service, run + "-team");
        progress("creating the datastores and floor schemas (not measured)");
        Targets shadowOn = targets(service, "s");
        Targets shadowOff = withoutShadow ? targets(service, "n") : null;
        List<String> floorWarmup = floorSchemas("fw", warmup);
        List<String> floorSerialSchemas = floorSchemas("fs", count);
        List<String> floorParallelSchemas = floorSchemas("fp", count);
        List<String> floorLatencySchemas = floorSchemas("fl", latency);

        Path files = Files.createTempDirectory("larder-bench-flyway-");
        try (EventWatcher watcher = new EventWatcher(kafka); CommandSender sender = new CommandSender(kafka)) {
            LarderSeries larder = new LarderSeries(sender, watcher, run, stall);
            progress("Larder, shadow run on");
            larder.burst("warm-up", shadowOn.warmup());
            larderSeries.add(larder.burst("Larder, " + threads + " consumers, shadow run", shadowOn.burst()));
            latencySeries.add(larder.oneByOne("Larder, 1 statement, shadow run", shadowOn.latency(),
                    MigrationFiles.ONE_STATEMENT));

            progress("Flyway floor");
            List<Path> steps = List.of(MigrationFiles.write(files, "v1", MigrationFiles.bundle(1)),
                    MigrationFiles.write(files, "v2", MigrationFiles.bundle(2)),
                    MigrationFiles.write(files, "v3", MigrationFiles.bundle(3)));
            Path oneStatement = MigrationFiles.write(files, "one", MigrationFiles.ONE_STATEMENT);
            floorHistory("warm-up", floorWarmup, steps, 1);
            floorSerial = floorHistory("Flyway floor, serial", floorSerialSchemas, steps, 1);
            floorParallel = floorHistory("Flyway floor, " + threads + " threads", floorParallelSchemas, steps,
                    threads);
            Stats floorOne = new Stats("Flyway floor, 1 statement");
            Load.timed(floorOne, latency, 1, i -> floor.migrate(floorLatencySchemas.get(i), oneStatement));
            latencySeries.add(floorOne);

            if (withoutShadow) {
                progress("restarting the backend with the shadow run off");
                restartBackendWithoutShadow();
                progress("Larder, shadow run off");
                larder.burst("warm-up", shadowOff.warmup());
                larderSeries.add(larder.burst("Larder, " + threads + " consumers, no shadow run",
                        shadowOff.burst()));
                latencySeries.add(larder.oneByOne("Larder, 1 statement, no shadow run", shadowOff.latency(),
                        MigrationFiles.ONE_STATEMENT));
            }
        } finally {
            deleteTree(files);
        }
        report();
    }

    private void report() {
        System.out.println();
        System.out.printf("%d datastores x %d migrations; backend command consumers = floor threads = %d;"
                + " latency: %d one-statement migrations, one at a time, each to a fresh datastore%n%n", count,
                MigrationFiles.HISTORY.size(), threads, latency);
        System.out.println(Stats.header());
        List<Stats> rows = new ArrayList<>(larderSeries);
        rows.add(floorSerial);
        rows.add(floorParallel);
        rows.addAll(latencySeries);
        rows.forEach(stats -> System.out.println(stats.row()));
        System.out.println();
        for (Stats larder : larderSeries) {
            System.out.printf("Ratio Larder/floor throughput (%s): serial %.2f, %d threads %.2f%n", larder.name(),
                    larder.perSecond() / floorSerial.perSecond(), threads,
                    larder.perSecond() / floorParallel.perSecond());
        }
    }

    private Targets targets(String service, String tag) throws Exception {
        return new Targets(datastores(service, tag + "w", warmup), datastores(service, tag + "b", count),
                datastores(service, tag + "l", latency));
    }

    /** Creates {@code n} datastores named {@code <prefix><i>} through the API, {@code threads} at a time. */
    private List<Long> datastores(String service, String prefix, int n) throws Exception {
        long[] ids = new long[n];
        Load.run(n, threads, i -> ids[i] = api.createMysqlDatastore(service, prefix + i, "local"));
        return IntStream.range(0, n).mapToObj(i -> ids[i]).toList();
    }

    private List<String> floorSchemas(String tag, int n) throws Exception {
        List<String> schemas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String schema = run + "_" + tag + i;
            floor.createSchema(schema);
            schemas.add(schema);
        }
        return schemas;
    }

    /** Each schema gets the three cumulative bundles as three migrate() calls, one schema per thread at a time. */
    private Stats floorHistory(String name, List<String> schemas, List<Path> steps, int threadCount)
            throws Exception {
        Stats stats = new Stats(name);
        stats.wall(Load.run(schemas.size(), threadCount, i -> {
            for (Path step : steps) {
                long t0 = System.nanoTime();
                floor.migrate(schemas.get(i), step);
                stats.add(System.nanoTime() - t0);
            }
        }));
        return stats;
    }

    /** Runs the command benchmarks/run gave; it returns once the backend answers again. */
    private void restartBackendWithoutShadow() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", restartWithoutShadow).redirectErrorStream(true).start();
        process.getInputStream().transferTo(System.err);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("could not restart the backend: " + restartWithoutShadow);
        }
    }

    private static void progress(String what) {
        System.err.println("-- " + what);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
