package dev.larder.bench;

import dev.larder.events.migration.MigrationFileSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Migrations through Larder as CI submits them: commands to Kafka, answers from the events topic. */
final class LarderSeries {

    private final CommandSender sender;
    private final EventWatcher watcher;
    private final String run;
    private final Duration stall;

    LarderSeries(CommandSender sender, EventWatcher watcher, String run, Duration stall) {
        this.sender = sender;
        this.watcher = watcher;
        this.run = run;
        this.stall = stall;
    }

    /**
     * Sends, as fast as the producer goes, the three cumulative bundles of {@link MigrationFiles#HISTORY} for every
     * datastore, then waits for all their MigrationSucceeded events. Wall: first send to last answer; samples: send
     * to answer per command, queueing included (every command is sent at the start).
     */
    Stats burst(String name, List<Long> datastoreIds) throws InterruptedException {
        sender.takePartitionCounts();
        Map<String, Long> sentAt = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (long datastoreId : datastoreIds) {
            for (int k = 1; k <= MigrationFiles.HISTORY.size(); k++) {
                String commandId = commandId(datastoreId, "v" + k);
                sentAt.put(commandId, System.nanoTime());
                sender.send(commandId, datastoreId, MigrationFiles.bundle(k));
            }
        }
        sender.flush();
        System.out.println(name + ": commands per partition of larder.commands.v1 " + sender.takePartitionCounts());
        Map<String, Long> arrivals = watcher.awaitSucceeded(sentAt.keySet(), stall);
        Stats stats = new Stats(name);
        sentAt.forEach((commandId, sent) -> stats.add(arrivals.get(commandId) - sent));
        stats.wall(arrivals.values().stream().mapToLong(Long::longValue).max().orElse(start) - start);
        return stats;
    }

    /** Sends {@code files} to each datastore in turn, each once the previous one's answer arrived. */
    Stats oneByOne(String name, List<Long> datastoreIds, List<MigrationFileSpec> files) throws InterruptedException {
        Stats stats = new Stats(name);
        long start = System.nanoTime();
        for (long datastoreId : datastoreIds) {
            String commandId = commandId(datastoreId, "one");
            long sent = System.nanoTime();
            sender.send(commandId, datastoreId, files);
            sender.flush();
            stats.add(watcher.awaitSucceeded(List.of(commandId), stall).get(commandId) - sent);
        }
        stats.wall(System.nanoTime() - start);
        return stats;
    }

    private String commandId(long datastoreId, String what) {
        return run + "-" + datastoreId + "-" + what;
    }
}
