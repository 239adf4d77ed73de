package dev.larder.backend.common;

import static dev.larder.backend.testing.Api.admin;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest extends LarderTest {

    @Test
    void aRetriedCreateWithTheSameKeyCreatesOnceAndAnswersTheSame() {
        String service = Api.service(Api.team("idem"), "idem");
        Map<String, Object> body = Map.of("service", service, "name", "main", "kind", "mysql",
                "environment", "dev", "cluster", Api.CLUSTER);
        String key = "create-" + Api.RUN;
        long first = admin().header("Idempotency-Key", key).body(body).post("/api/v1/datastores").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        admin().header("Idempotency-Key", key).body(body).post("/api/v1/datastores").then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo((int) first));
        admin().queryParam("service", service).get("/api/v1/datastores").then().body("total", equalTo(1));

        // Same key, different request: refused, nothing created.
        admin().header("Idempotency-Key", key).body(Map.of("service", service, "name", "other", "kind", "mysql",
                "environment", "dev", "cluster", Api.CLUSTER)).post("/api/v1/datastores").then().statusCode(422)
                .contentType("application/problem+json");
        admin().queryParam("service", service).get("/api/v1/datastores").then().body("total", equalTo(1));

        // Without a key the same body is a second request: a conflict, not a replay.
        admin().body(body).post("/api/v1/datastores").then().statusCode(409);
    }

    @Test
    void keysArePerCaller() {
        String team = Api.team("idem2");
        String person = Api.RUN + ".idem@example.com";
        Api.member(person, team);
        String key = "svc-" + Api.RUN;
        Api.as(person).header("Idempotency-Key", key).body(Map.of("name", Api.unique("idem_a"), "team", team))
                .post("/api/v1/services").then().statusCode(201);
        // Another caller using the same key is not replayed someone else's answer.
        admin().header("Idempotency-Key", key).body(Map.of("name", Api.unique("idem_a"), "team", team))
                .post("/api/v1/services").then().statusCode(409);
    }
}
