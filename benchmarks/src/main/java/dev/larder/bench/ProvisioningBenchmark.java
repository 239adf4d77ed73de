package dev.larder.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Creates N MySQL datastores through Larder's API and, as the floor, sends the same administrative statements
 * (CREATE DATABASE, CREATE USER, ALTER USER, GRANT) directly over JDBC, in the same run, against the same server.
 * Run through benchmarks/run, which starts a backend for it.
 */
public final class ProvisioningBenchmark {

    public static void main(String[] args) throws Exception {
        String api = System.getProperty("bench.api", "http://localhost:8099");
        String token = System.getProperty("bench.token", "larder-dev-admin-token");
        int count = Integer.getInteger("bench.count", 200);
        int threads = Integer.getInteger("bench.threads", 8);
        String jdbc = System.getProperty("bench.jdbc", "jdbc:mysql://127.0.0.1:3306/");
        String run = "bn" + random(4);
        HttpClient http = HttpClient.newHttpClient();

        post(http, api, token, "/api/v1/teams", "{\"name\":\"" + run + "-team\"}");
        post(http, api, token, "/api/v1/services", "{\"name\":\"" + run + "_svc\",\"team\":\"" + run + "-team\"}");
        post(http, api, token, "/api/v1/services", "{\"name\":\"" + run + "_par\",\"team\":\"" + run + "-team\"}");

        // Warm up both paths so JIT and connection set-up do not land in the first samples.
        for (int i = 0; i < 10; i++) {
            viaApi(http, api, token, run + "_svc", "warm" + i);
            direct(jdbc, run + "_direct_warm" + i);
        }

        Stats apiSerial = new Stats("Larder API, serial");
        measure(apiSerial, count, 1, i -> viaApi(http, api, token, run + "_svc", "ds" + i));
        Stats apiParallel = new Stats("Larder API, " + threads + " clients");
        measure(apiParallel, count, threads, i -> viaApi(http, api, token, run + "_par", "ds" + i));
        Stats floorSerial = new Stats("Direct JDBC floor, serial");
        measure(floorSerial, count, 1, i -> direct(jdbc, run + "_direct_s" + i));
        Stats floorParallel = new Stats("Direct JDBC floor, " + threads + " clients");
        measure(floorParallel, count, threads, i -> direct(jdbc, run + "_direct_p" + i));

        System.out.println();
        System.out.println(Stats.header());
        for (Stats stats : List.of(apiSerial, apiParallel, floorSerial, floorParallel)) {
            System.out.println(stats.row());
        }
        System.out.printf("%nRatio API/floor throughput: serial %.2f, %d clients %.2f%n",
                apiSerial.perSecond() / floorSerial.perSecond(), threads,
                apiParallel.perSecond() / floorParallel.perSecond());
        System.out.println("Run prefix (schemas and logins to clean up): " + run);
    }

    interface Step {
        void run(int i) throws Exception;
    }

    private static void measure(Stats stats, int count, int threads, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit((Callable<Void>) () -> {
                long t0 = System.nanoTime();
                step.run(n);
                stats.add(System.nanoTime() - t0);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        stats.wall(System.nanoTime() - start);
        pool.shutdown();
    }

    private static void viaApi(HttpClient http, String api, String token, String service, String name)
            throws Exception {
        String body = post(http, api, token, "/api/v1/datastores", "{\"service\":\"" + service + "\",\"name\":\""
                + name + "\",\"kind\":\"mysql\",\"environment\":\"dev\",\"cluster\":\"local\"}");
        if (!body.contains("\"state\":\"READY\"")) {
            throw new IllegalStateException("not READY: " + body);
        }
    }

    /** The floor: what the MySQL engine sends, minus everything Larder adds around it. */
    private static void direct(String jdbc, String schema) throws Exception {
        String password = random(32);
        try (Connection admin = DriverManager.getConnection(jdbc, "root", "");
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE IF NOT EXISTS `" + schema + "` CHARACTER SET utf8mb4");
            try (PreparedStatement create = admin.prepareStatement(
                    "CREATE USER IF NOT EXISTS ?@'%' IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS 50");
                    PreparedStatement alter = admin.prepareStatement(
                            "ALTER USER ?@'%' IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS 50");
                    PreparedStatement grant = admin.prepareStatement("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE,"
                            + " ALTER, DROP, INDEX, REFERENCES, CREATE VIEW, SHOW VIEW, TRIGGER,"
                            + " CREATE TEMPORARY TABLES ON `" + schema.replace("_", "\\_") + "`.* TO ?@'%'")) {
                String user = schema.length() > 32 ? schema.substring(0, 32) : schema;
                create.setString(1, user);
                create.setString(2, password);
                create.execute();
                alter.setString(1, user);
                alter.setString(2, password);
                alter.execute();
                grant.setString(1, user);
                grant.execute();
            }
        }
    }

    private static String post(HttpClient http, String api, String token, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String random(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append("abcdefghijkmnopqrstuvwxyz23456789".charAt(random.nextInt(33)));
        }
        return sb.toString();
    }
}
