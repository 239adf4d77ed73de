package dev.larder.slack.bolt;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Work done after Slack was answered: Slack wants an answer within 3 seconds, so handlers ack at once and hand the
 * backend calls and follow-up messages here.
 */
@ApplicationScoped
public class Work {

    private static final Logger LOG = Logger.getLogger(Work.class);

    private final ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "slack-work");
        thread.setDaemon(true);
        return thread;
    });

    public void later(String what, Runnable task) {
        pool.submit(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Slack work failed: %s", what);
            }
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
