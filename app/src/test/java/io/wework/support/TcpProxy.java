package io.wework.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port the test controls, to cut a server off the application the way a
 * network does: {@link #refuse()} closes every open connection and refuses new ones (a server down),
 * {@link #blackhole()} closes every open connection and accepts new ones that never get an answer (a
 * dropped route), {@link #pass()} forwards again.
 */
public final class TcpProxy implements AutoCloseable {

    public enum Mode { PASS, REFUSE, BLACKHOLE }

    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void pass() {
        mode = Mode.PASS;
    }

    public void refuse() {
        mode = Mode.REFUSE;
        cutOpenConnections();
    }

    public void blackhole() {
        mode = Mode.BLACKHOLE;
        cutOpenConnections();
    }

    private void cutOpenConnections() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Mode now = mode;
            if (now == Mode.REFUSE) {
                // an RST rather than a FIN: what a closed port answers
                try {
                    client.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // closed anyway
                }
                closeQuietly(client);
                continue;
            }
            open.add(client);
            if (now == Mode.BLACKHOLE) {
                continue; // accepted, never answered
            }
            try {
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 1000);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed or cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        cutOpenConnections();
    }
}
