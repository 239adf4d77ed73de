package dev.larder.backend.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperabilityTest extends LarderTest {

    @Test
    void openApiDescribesTheApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/datastores"))
                .body("paths", hasKey("/api/v1/datastores/{id}/credentials/reveal"))
                .body("paths", hasKey("/api/v1/audit/verify"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void readinessChecksTheControlPlaneDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountDatastoresByKindAndState() throws InterruptedException {
        String service = Api.service(Api.team("metrics"), "metrics");
        double before = readyGauge();
        Api.datastore(service, "one");
        Api.datastore(service, "two");
        long deadline = System.currentTimeMillis() + 10_000;
        while (readyGauge() < before + 2) {
            assertThat(System.currentTimeMillis()).as("gauge catches up").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static double readyGauge() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("larder_datastores\\{kind=\"mysql\",state=\"READY\"\\} ([0-9.]+)")
                .matcher(metrics);
        assertThat(m.find()).as("gauge present").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
