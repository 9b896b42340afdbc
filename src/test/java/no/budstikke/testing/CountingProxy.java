package no.budstikke.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a real server (SMTP, SSH, HTTP): it counts the connections
 * the server is asked for, and can cut every open one at once, as a relay or a firewall that drops
 * its connections mid-stream would. Also cuts each connection after a given number of bytes from
 * the client when asked, to drop a connection in the middle of a transfer.
 */
public final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong cutAfterBytes = new AtomicLong(Long.MAX_VALUE);
    private final Thread acceptor;

    public CountingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far: each one a connection the server was asked for. */
    public int connections() {
        return connections.get();
    }

    /** Cuts every connection open now; new ones are relayed as before. */
    public void dropAll() {
        for (Socket s : open) close(s);
    }

    /** From now on, each new connection is cut once its client has sent this many bytes. */
    public void cutEachConnectionAfter(long clientBytes) {
        cutAfterBytes.set(clientBytes);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                long limit = cutAfterBytes.get();
                pipe(client, server, limit);
                pipe(server, client, Long.MAX_VALUE);
            } catch (IOException e) {
                if (listener.isClosed()) return;
            }
        }
    }

    private void pipe(Socket from, Socket to, long limit) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long sent = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    int allowed = (int) Math.min(n, limit - sent);
                    out.write(buffer, 0, allowed);
                    out.flush();
                    sent += allowed;
                    if (sent >= limit) break;
                }
            } catch (IOException e) {
                // one side went away: the other goes too
            } finally {
                close(from);
                close(to);
            }
        }, "counting-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        dropAll();
    }
}
