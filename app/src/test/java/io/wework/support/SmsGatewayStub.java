package io.wework.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A local HTTP stand-in for the WeCan SMS gateway: records what it is sent, or fails on demand. */
public final class SmsGatewayStub {

    public record Sms(String path, String token, String body) {
    }

    private static final Pattern CODE = Pattern.compile("\"code\":\"(\\d{6})\"");
    private static SmsGatewayStub instance;

    private final HttpServer server;
    private final List<Sms> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failWith = new AtomicInteger(0);
    private final AtomicReference<Hold> held = new AtomicReference<>();

    private SmsGatewayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Hold hold = held.getAndSet(null);
            if (hold != null) {
                hold.entered.countDown();
                try {
                    hold.released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = failWith.get();
            if (status == 0) {
                received.add(new Sms(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("token"),
                        new String(body, StandardCharsets.UTF_8)));
                status = 200;
            }
            byte[] answer = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sms-gateway-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Holds the next request inside the gateway until closed: the caller is then mid-request for as long as needed. */
    public final class Hold implements AutoCloseable {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        public boolean awaitEntered(long seconds) throws InterruptedException {
            return entered.await(seconds, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            held.compareAndSet(this, null);
            released.countDown();
        }
    }

    public Hold holdNext() {
        Hold hold = new Hold();
        held.set(hold);
        return hold;
    }

    public static synchronized SmsGatewayStub get() {
        if (instance == null) {
            try {
                instance = new SmsGatewayStub();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Sms> received() {
        return received;
    }

    /** The last code sent to {@code phone}. */
    public String lastCodeFor(String phone) {
        for (int i = received.size() - 1; i >= 0; i--) {
            Sms sms = received.get(i);
            if (sms.body().contains("\"" + phone + "\"")) {
                Matcher m = CODE.matcher(sms.body());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("No SMS sent to " + phone);
    }

    /** 0 = answer normally; else answer every request with this status. */
    public void failWith(int status) {
        failWith.set(status);
    }
}
