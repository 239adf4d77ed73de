package dev.larder.backend.common.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A small fixed pool of named daemon threads for background work that must not keep the JVM alive. */
public final class DaemonPool {

    private DaemonPool() {
    }

    public static ExecutorService of(String name, int threads) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
