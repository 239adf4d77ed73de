package dev.larder.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.SeenSecrets;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other Quarkus test (see junit-platform.properties) and reads the application log the whole
 * run wrote (level DEBUG for dev.larder): no password any test saw may appear in it.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class LogHasNoSecretsTest extends LarderTest {

    @Test
    void noSecretReachedTheApplicationLog() throws Exception {
        String log = Files.readString(Path.of("target/larder-test.log"));
        assertThat(log).as("the log captured the run").contains("Provisioned schema").contains("Rotated the password");
        assertThat(SeenSecrets.all()).as("tests saw secrets to look for").hasSizeGreaterThan(5);
        for (String secret : SeenSecrets.all()) {
            assertThat(log).as("a secret leaked into the log").doesNotContain(secret);
        }
    }
}
