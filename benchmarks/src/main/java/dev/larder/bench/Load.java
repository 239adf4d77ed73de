package dev.larder.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs numbered tasks on a fixed pool of threads, as one measured series. */
final class Load {

    interface Task {
        void run(int i) throws Exception;
    }

    private Load() {
    }

    /** Runs tasks 0 … count-1 on {@code threads} threads; returns the wall time in nanoseconds. */
    static long run(int count, int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit((Callable<Void>) () -> {
                    task.run(n);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Like {@link #run}, with each task's time as one sample of {@code stats} and the wall time as its wall. */
    static void timed(Stats stats, int count, int threads, Task task) throws Exception {
        stats.wall(run(count, threads, i -> {
            long t0 = System.nanoTime();
            task.run(i);
            stats.add(System.nanoTime() - t0);
        }));
    }
}
