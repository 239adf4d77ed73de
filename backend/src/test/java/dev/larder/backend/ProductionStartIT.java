package dev.larder.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged application, started as production would start it. */
class ProductionStartIT {

    @Test
    void productionRefusesToStartWithoutAMasterKey() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true);
        builder.environment().remove("LARDER_MASTER_KEY");
        builder.environment().remove("QUARKUS_PROFILE");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("LARDER_MASTER_KEY").contains("larder.secrets.master-key");
    }
}
