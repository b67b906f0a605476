package io.wework.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Measures how long after a command's 2xx its event shows up in {@code audit_log}: one thread polls
 * PostgreSQL every 2 ms for the aggregates still awaited.
 */
final class LagProbe implements AutoCloseable {

    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final ConcurrentHistogram histogram = new ConcurrentHistogram(60_000_000L, 3);
    private final Thread poller;
    private volatile boolean running = true;
    private volatile long missed;

    LagProbe(String url, String user) throws Exception {
        Connection connection = DriverManager.getConnection(url, user, "");
        poller = new Thread(() -> poll(connection), "lag-probe");
        poller.setDaemon(true);
        poller.start();
    }

    void expect(String aggregateId, long answeredAtNanos) {
        pending.put(aggregateId, answeredAtNanos);
    }

    Histogram histogram() {
        return histogram;
    }

    long missed() {
        return missed;
    }

    private void poll(Connection connection) {
        try (connection; PreparedStatement ps = connection.prepareStatement(
                "SELECT aggregate_id FROM audit_log WHERE aggregate_id = ANY (?)")) {
            while (running || !pending.isEmpty()) {
                if (!pending.isEmpty()) {
                    List<String> ids = new ArrayList<>(pending.keySet());
                    Array array = connection.createArrayOf("varchar", ids.toArray());
                    ps.setArray(1, array);
                    long now = System.nanoTime();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Long answered = pending.remove(rs.getString(1));
                            if (answered != null) {
                                histogram.recordValue(Math.max(1, (now - answered) / 1000));
                            }
                        }
                    }
                    long cutoff = now - TimeUnit.SECONDS.toNanos(10);
                    pending.entrySet().removeIf(e -> {
                        if (e.getValue() < cutoff) {
                            missed++;
                            return true;
                        }
                        return false;
                    });
                }
                Thread.sleep(2);
                if (!running && pending.isEmpty()) {
                    break;
                }
            }
        } catch (Exception e) {
            System.err.println("lag probe stopped: " + e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(15_000);
    }
}
