package no.budstikke.delivery.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server on loopback that answers RCPT and the end of the message with scripted
 * replies: the refusals GreenMail cannot be told to give (it takes every recipient). Answers one
 * connection at a time; each reply may contain {@code %s}, replaced by the command's argument,
 * because real servers quote the address back.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String rcptReply;
    private final String messageReply;
    private final AtomicInteger messagesTaken = new AtomicInteger();
    private final Thread thread;

    ScriptedSmtpServer(String rcptReply, String messageReply) throws IOException {
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.rcptReply = rcptReply;
        this.messageReply = messageReply;
        this.thread = new Thread(this::serve, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int messagesTaken() {
        return messagesTaken.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                s.setSoTimeout(10_000);
                converse(s);
            } catch (SocketTimeoutException e) {
                // a client that went quiet: take the next one
            } catch (IOException e) {
                if (socket.isClosed()) return;
            }
        }
    }

    private void converse(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        send(out, "220 scripted ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            String arg = line.contains(":") ? line.substring(line.indexOf(':') + 1).strip() : "";
            switch (verb) {
                case "EHLO", "HELO" -> send(out, "250 scripted");
                case "MAIL", "RSET", "NOOP" -> send(out, "250 OK");
                case "RCPT" -> send(out, rcptReply.replace("%s", arg));
                case "DATA" -> {
                    send(out, "354 End data with <CR><LF>.<CR><LF>");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message itself is not kept
                    }
                    if (messageReply.startsWith("250")) messagesTaken.incrementAndGet();
                    send(out, messageReply);
                }
                case "QUIT" -> {
                    send(out, "221 Bye");
                    return;
                }
                default -> send(out, "502 Command not implemented");
            }
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws Exception {
        socket.close();
        thread.join(5_000);
    }
}
