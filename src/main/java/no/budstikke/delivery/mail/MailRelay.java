package no.budstikke.delivery.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Deque;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The relay every mail goes through, with its SMTP sessions kept open: each send borrows an
 * authenticated (and, unless switched off, STARTTLS) session, sends one message on it and puts it
 * back, so a burst of notices costs a handful of logins instead of one per mail. A session is used
 * by one sender at a time; there are as many as senders at once, at most.
 *
 * <p>A session is given up, and the next send opens a new one, when the relay has closed it (checked
 * with NOOP before reuse), once it has carried {@code sessionMaxMessages} messages (relays limit
 * messages per connection), after {@code sessionIdleMs} unused, and after any failed send: a failure
 * reaches only the notice being sent, and a session in an unknown state is never reused.
 */
public final class MailRelay implements AutoCloseable {

    private final MailSettings settings;
    private final Session session;
    private final LongSupplier nanoTime;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final ScheduledExecutorService reaper;
    private volatile boolean closed;

    public MailRelay(MailSettings settings) {
        this(settings, System::nanoTime);
    }

    MailRelay(MailSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
        this.nanoTime = nanoTime;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-relay-idle");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, settings.sessionIdleMs() / 2);
        reaper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends {@code message} to its recipients through the relay.
     *
     * @return the message's Message-ID, the receipt
     * @throws MessagingException as Jakarta Mail reports it; {@link MailFailures} says what it means
     */
    public String send(MimeMessage message) throws MessagingException {
        Connection c = borrow();
        try {
            c.transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            discard(c);
            throw e;
        }
        c.sent++;
        giveBack(c);
        return message.getMessageID();
    }

    /** Sessions open now, for tests and metrics. */
    public int idleSessions() {
        return idle.size();
    }

    private Connection borrow() throws MessagingException {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            if (!expired(c) && c.transport.isConnected()) return c;
            discard(c);
        }
        Transport transport = session.getTransport("smtp");
        transport.connect(settings.host(), settings.port(), settings.username().orElse(null), settings.password().orElse(null));
        return new Connection(transport, nanoTime.getAsLong());
    }

    private void giveBack(Connection c) {
        c.lastUsed = nanoTime.getAsLong();
        if (closed || c.sent >= settings.sessionMaxMessages()) {
            discard(c);
        } else {
            // Most recently used first: under light load the others go idle and are closed.
            idle.offerFirst(c);
        }
    }

    private boolean expired(Connection c) {
        return nanoTime.getAsLong() - c.lastUsed >= TimeUnit.MILLISECONDS.toNanos(settings.sessionIdleMs());
    }

    void closeIdle() {
        for (Iterator<Connection> it = idle.descendingIterator(); it.hasNext(); ) {
            Connection c = it.next();
            if (expired(c) && idle.removeFirstOccurrence(c)) discard(c);
        }
    }

    private static void discard(Connection c) {
        try {
            c.transport.close();
        } catch (MessagingException | RuntimeException e) {
            // the session is gone either way
        }
    }

    @Override
    public void close() {
        closed = true;
        reaper.shutdownNow();
        Connection c;
        while ((c = idle.pollFirst()) != null) discard(c);
    }

    private static Properties properties(MailSettings s) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.auth", Boolean.toString(s.username().isPresent()));
        p.setProperty("mail.smtp.connectiontimeout", Integer.toString(s.timeoutMs()));
        p.setProperty("mail.smtp.timeout", Integer.toString(s.timeoutMs()));
        p.setProperty("mail.smtp.writetimeout", Integer.toString(s.timeoutMs()));
        // TLS before anything is sent; without it the connect fails rather than go out in clear text.
        // Only a local test server may switch it off: budstikke.mail.starttls-required=false.
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(s.starttlsRequired()));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return p;
    }

    private static final class Connection {
        final Transport transport;
        int sent;
        volatile long lastUsed;

        Connection(Transport transport, long now) {
            this.transport = transport;
            this.lastUsed = now;
        }
    }
}
