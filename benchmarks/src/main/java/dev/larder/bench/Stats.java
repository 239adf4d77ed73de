package dev.larder.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies of one measured series: rate, p50, p99. */
final class Stats {

    private final String name;
    private final List<Long> nanos = new ArrayList<>();
    private long wallNanos;

    Stats(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    synchronized int count() {
        return nanos.size();
    }

    void wall(long elapsedNanos) {
        this.wallNanos = elapsedNanos;
    }

    double perSecond() {
        return nanos.size() / (wallNanos / 1e9);
    }

    double percentileMs(double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    String row() {
        return String.format("| %-44s | %5d | %8.2f | %8.1f | %8.1f | %8.1f |", name, nanos.size(), wallNanos / 1e9,
                perSecond(), percentileMs(50), percentileMs(99));
    }

    static String header() {
        return "| series | n | wall s | per s | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|";
    }
}
