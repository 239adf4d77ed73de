package dev.larder.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the contract's resources in tests. */
final class Resources {

    private Resources() {
    }

    static String read(String path) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(String path) {
        return Resources.class.getClassLoader().getResource(path) != null;
    }

    /** Every file under schemas/, as classpath paths like {@code schemas/migration/v1/migration-started.json}. */
    static List<String> schemaTree() {
        URL root = Resources.class.getClassLoader().getResource("schemas");
        try {
            Path dir = Path.of(root.toURI()).getParent();
            try (Stream<Path> files = Files.walk(dir.resolve("schemas"))) {
                return files.filter(Files::isRegularFile)
                        .map(file -> dir.relativize(file).toString().replace('\\', '/'))
                        .sorted()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
