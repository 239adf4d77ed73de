package dev.larder.backend.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import dev.larder.ci.LarderCi;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** larder-ci, as a pipeline runs it: pack the directory, send the command, wait for the answer, exit 0 or 1. */
@QuarkusTest
class CiClientTest extends LarderTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void exitsZeroWhenTheMigrationSucceedsAndOneOnALintError(@TempDir Path dir) throws Exception {
        String service = Api.service(Api.team("ci"), "ci");
        Api.datastore(service, "main");
        Files.writeString(dir.resolve("V1__create_orders.sql"), MigrationCommandTest.V1);

        Result ok = run("migrate", "--service", service, "--name", "main", "--environment", "dev",
                "--dir", dir.toString(), "--bootstrap", bootstrap, "--requested-by", "ci-bot@example.com",
                "--timeout", "90");
        assertThat(ok.code()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("succeeded").contains("1");

        Files.writeString(dir.resolve("V2__copy_users.sql"), "CREATE TABLE copied AS SELECT * FROM mysql.user;\n");
        Result blocked = run("migrate", "--service", service, "--name", "main", "--environment", "dev",
                "--dir", dir.toString(), "--bootstrap", bootstrap, "--requested-by", "ci-bot@example.com",
                "--timeout", "90");
        assertThat(blocked.code()).as(blocked.output()).isEqualTo(1);
        assertThat(blocked.output()).contains("tenant.qualified-name").contains("V2__copy_users.sql");
    }

    record Result(int code, String output) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LarderCi.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Result(code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
}
