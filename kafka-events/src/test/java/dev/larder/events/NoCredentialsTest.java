package dev.larder.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Secrets never reach an event: no record of the contract, nor any record nested in one, has a field for one. */
class NoCredentialsTest {

    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|credential|token|apikey).*");

    @Test
    void noRecordComponentCouldHoldACredential() {
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        EventTypes.all().forEach(type -> todo.add(type.dataClass()));
        while (!todo.isEmpty()) {
            Class<?> record = todo.pop();
            if (!record.isRecord() || !seen.add(record)) {
                continue;
            }
            for (RecordComponent component : record.getRecordComponents()) {
                assertThat(component.getName()).as(record.getSimpleName()).doesNotMatch(SECRET);
                todo.add(component.getType());
                if (component.getGenericType() instanceof java.lang.reflect.ParameterizedType p
                        && p.getActualTypeArguments()[0] instanceof Class<?> element) {
                    todo.add(element);
                }
            }
        }
        assertThat(seen).hasSizeGreaterThan(EventTypes.all().size());
    }
}
