package dev.larder.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Creates N MySQL datastores through Larder's API and, as the floor, sends the same administrative statements
 * (CREATE DATABASE, CREATE USER, ALTER USER, GRANT) directly over JDBC, in the same run, against the same server.
 * Run through benchmarks/run, which starts a backend for it.
 */
public final class ProvisioningBenchmark {

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.count", 200);
        int threads = Integer.getInteger("bench.threads", 8);
        String jdbc = System.getProperty("bench.jdbc", "jdbc:mysql://127.0.0.1:3306/");
        String run = "bn" + Names.random(4);
        System.out.println("Run prefix (schemas and logins to clean up): " + run);
        LarderApi api = LarderApi.fromSystemProperties();

        api.createTeam(run + "-team");
        api.createService(run + "_svc", run + "-team");
        api.createService(run + "_par", run + "-team");

        // Warm up both paths so JIT and connection set-up do not land in the first samples.
        for (int i = 0; i < 10; i++) {
            api.createMysqlDatastore(run + "_svc", "warm" + i, "local");
            direct(jdbc, run + "_direct_warm" + i);
        }

        Stats apiSerial = new Stats("Larder API, serial");
        Load.timed(apiSerial, count, 1, i -> api.createMysqlDatastore(run + "_svc", "ds" + i, "local"));
        Stats apiParallel = new Stats("Larder API, " + threads + " clients");
        Load.timed(apiParallel, count, threads, i -> api.createMysqlDatastore(run + "_par", "ds" + i, "local"));
        Stats floorSerial = new Stats("Direct JDBC floor, serial");
        Load.timed(floorSerial, count, 1, i -> direct(jdbc, run + "_direct_s" + i));
        Stats floorParallel = new Stats("Direct JDBC floor, " + threads + " clients");
        Load.timed(floorParallel, count, threads, i -> direct(jdbc, run + "_direct_p" + i));

        System.out.println();
        System.out.println(Stats.header());
        for (Stats stats : List.of(apiSerial, apiParallel, floorSerial, floorParallel)) {
            System.out.println(stats.row());
        }
        System.out.printf("%nRatio API/floor throughput: serial %.2f, %d clients %.2f%n",
                apiSerial.perSecond() / floorSerial.perSecond(), threads,
                apiParallel.perSecond() / floorParallel.perSecond());
    }

    /** The floor: what the MySQL engine sends, minus everything Larder adds around it. */
    private static void direct(String jdbc, String schema) throws Exception {
        String password = Names.random(32);
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
}
