package io.wework.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Closed-loop load: {@code clients} threads each run operations back to back for a fixed time. */
final class Load {

    /** One operation; returns true on success. Called by one client thread at a time. */
    @FunctionalInterface
    interface Op {
        boolean run(int client, long seq) throws Exception;
    }

    /**
     * @param cpuMillis CPU time the measured service used during the measured window (not the warm-up),
     *                  or a negative number when unknown
     */
    record Result(String name, int clients, long ok, long failed, double seconds, Histogram latencyMicros, double cpuMillis) {
        double perSecond() {
            return ok / seconds;
        }

        /** The service's CPU milliseconds per successful operation, or NaN when unknown. */
        double cpuPerOp() {
            return cpuMillis < 0 || ok == 0 ? Double.NaN : cpuMillis / ok;
        }

        double p(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private Load() {
    }

    static Result run(String name, int clients, double warmupSeconds, double seconds, Op op) throws InterruptedException {
        return run(name, clients, warmupSeconds, seconds, op, () -> -1);
    }

    /** As {@link #run(String, int, double, double, Op)}, reading the service's CPU time around the measured window. */
    static Result run(String name, int clients, double warmupSeconds, double seconds, Op op,
                      java.util.function.DoubleSupplier cpuMillis) throws InterruptedException {
        if (warmupSeconds > 0) {
            drive(clients, warmupSeconds, op, null, new AtomicLong(), new AtomicLong(), new AtomicLong(1_000_000_000L));
        }
        ConcurrentHistogram histogram = new ConcurrentHistogram(3_600_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        double cpuBefore = cpuMillis.getAsDouble();
        long start = System.nanoTime();
        drive(clients, seconds, op, histogram, ok, failed, new AtomicLong());
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuAfter = cpuMillis.getAsDouble();
        return new Result(name, clients, ok.get(), failed.get(), elapsed, histogram,
                cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore);
    }

    private static void drive(int clients, double seconds, Op op, Histogram histogram, AtomicLong ok, AtomicLong failed,
                              AtomicLong sequence) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        long seq = sequence.getAndIncrement();
                        long t0 = System.nanoTime();
                        boolean success;
                        try {
                            success = op.run(client, seq);
                        } catch (Exception e) {
                            success = false;
                        }
                        long micros = (System.nanoTime() - t0) / 1000;
                        if (success) {
                            ok.incrementAndGet();
                            if (histogram != null) {
                                histogram.recordValue(Math.max(1, micros));
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + name(clients, c));
            threads.add(t);
            t.start();
        }
        done.await();
    }

    private static String name(int clients, int c) {
        return clients + "-" + c;
    }
}
