package dev.larder.backend.common.web;

import dev.larder.backend.common.error.ProblemException;
import java.util.List;
import java.util.function.Function;

/** One page of a list: the items, where it starts, and how many there are in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    public static void check(int page, int size) {
        if (page < 0) {
            throw ProblemException.invalid("page", "page.min", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalid("size", "size.range", "must be between 1 and " + MAX_SIZE);
        }
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
