package no.budstikke.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One plain TCP connection speaking HTTP/1.1 by hand: for requests no HTTP client will send
 * (a header twice, headers that never end) and for watching when the server closes.
 */
public final class RawHttp implements AutoCloseable {

    /** A response read off the wire. */
    public record Response(int status, String head, String body) {
    }

    private static final Duration READ_LIMIT = Duration.ofSeconds(10);
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");
    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the host and port of {@code server}. */
    public static RawHttp open(URI server) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5000);
        return new RawHttp(s);
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** False when the server has closed the connection. */
    public boolean trySend(String text) {
        try {
            send(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the server closes the connection within {@code limit}; anything it sends is read and dropped. */
    public boolean closedWithin(Duration limit) throws IOException {
        long end = System.nanoTime() + limit.toNanos();
        InputStream in = socket.getInputStream();
        while (System.nanoTime() < end) {
            socket.setSoTimeout((int) Math.max(1, Math.min(200, (end - System.nanoTime()) / 1_000_000)));
            try {
                if (in.read() < 0) return true;
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
        return false;
    }

    /** Reads one response: its head and a Content-Length body. */
    public Response read() throws IOException {
        socket.setSoTimeout((int) READ_LIMIT.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed before a full answer");
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        Matcher length = CONTENT_LENGTH.matcher(text);
        String body = length.find() ? new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8) : "";
        return new Response(Integer.parseInt(text.substring(9, 12)), text, body);
    }

    public int readStatus() throws IOException {
        return read().status();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
