package dev.larder.backend.datachange;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.Api.Credentials;
import dev.larder.backend.testing.LarderTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A large change runs in short transactions by primary key, so other writers never wait long. */
@QuarkusTest
class ChunkedDataChangeTest extends LarderTest {

    static final int ROWS = 100_000;

    @ConfigProperty(name = "larder.datachanges.chunk-time")
    java.time.Duration chunkTime;

    @Test
    void aChunkedChangeOf100kRowsNeverHoldsALockLongerThanTheChunkTime() throws Exception {
        String team = Api.team("chunk");
        String requester = Api.RUN + ".bulk@example.com";
        Api.member(requester, team);
        long id = Api.datastore(Api.service(team, "chunk"), "main");
        Credentials credentials = Api.reveal(id);
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement()) {
            sql.execute("CREATE TABLE big (id BIGINT PRIMARY KEY, v INT NOT NULL, w INT NOT NULL)");
            for (int from = 1; from <= ROWS; from += 5000) {
                StringBuilder insert = new StringBuilder("INSERT INTO big (id, v, w) VALUES ");
                for (int i = from; i < from + 5000; i++) {
                    insert.append(i == from ? "" : ",").append('(').append(i).append(",0,0)");
                }
                sql.execute(insert.toString());
            }
        }
        long changeId = Api.as(requester).body(Map.of("statements", List.of("UPDATE big SET v = v + 1 WHERE id > 0"),
                "reason", "Backfill v for the new pricing (TICKET-7)")).post("/api/v1/datastores/" + id
                + "/data-changes").then().statusCode(201).body("estimatedRows", equalTo(ROWS))
                .body("platformAdminRequired", equalTo(true)).extract().jsonPath().getLong("id");
        long approval = admin().get("/api/v1/datastores/" + id + "/data-changes/" + changeId).jsonPath()
                .getLong("approvalId");
        Api.as(Api.RUN + ".dba@example.com", "platform-admin").body(Map.of("reason", "ok"))
                .post("/api/v1/approvals/" + approval + "/approve").then().statusCode(200);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong longestWaitMs = new AtomicLong();
        AtomicLong probes = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Connection login = Api.login(credentials);
                    PreparedStatement touch = login.prepareStatement("UPDATE big SET w = w + 1 WHERE id = ?")) {
                while (running.get()) {
                    touch.setLong(1, ThreadLocalRandom.current().nextLong(1, ROWS + 1));
                    long start = System.nanoTime();
                    touch.executeUpdate();
                    longestWaitMs.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                    probes.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "concurrent-writer");
        writer.start();
        JsonPath done;
        try {
            Api.as(requester).post("/api/v1/datastores/" + id + "/data-changes/" + changeId + "/execute").then()
                    .statusCode(202);
            long deadline = System.currentTimeMillis() + 300_000;
            do {
                Thread.sleep(500);
                done = admin().get("/api/v1/datastores/" + id + "/data-changes/" + changeId).jsonPath();
                assertThat(System.currentTimeMillis()).as("finished").isLessThan(deadline);
            } while ("EXECUTING".equals(done.getString("state")));
        } finally {
            running.set(false);
            writer.join(30_000);
        }
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("EXECUTED");
        assertThat(done.getList("affectedRows", Long.class)).containsExactly((long) ROWS);
        assertThat(done.getInt("transactions")).as("ran in chunks").isGreaterThan(10);
        assertThat(done.getLong("longestTransactionMs")).as("no chunk held its locks longer than the chunk time")
                .isLessThanOrEqualTo(chunkTime.toMillis());
        assertThat(probes.get()).as("the concurrent writer kept writing").isGreaterThan(50);
        assertThat(longestWaitMs.get()).as("the longest wait the concurrent writer saw")
                .isLessThanOrEqualTo(chunkTime.toMillis());
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM big WHERE v = 1")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(ROWS);
        }
    }
}
