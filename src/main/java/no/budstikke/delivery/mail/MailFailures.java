package no.budstikke.delivery.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.delivery.ChannelFailures;
import no.budstikke.delivery.Failure;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The mail channel's failures. A 5xx reply to RCPT or to the message (DATA) means this recipient
 * will not take it: permanent. A 4xx reply, a refused or timed-out connection, a missing STARTTLS
 * and any other mail error may pass: transient. A notice that cannot be made into a mail is
 * permanent. The detail is the exception's class and the reply code only: SMTP replies and the
 * exceptions' messages quote the recipient address.
 */
public final class MailFailures implements ChannelFailures {

    @Override
    public Optional<Failure> classify(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof MailCompositionException) return Optional.of(Failure.permanentFailure(name(t)));
        }
        for (Throwable t : chain) {
            if (t instanceof SMTPAddressFailedException a) return Optional.of(byReply(a, a.getReturnCode(), true));
        }
        for (Throwable t : chain) {
            if (t instanceof SMTPSendFailedException s) return Optional.of(byReply(s, s.getReturnCode(), recipientOrData(s.getCommand())));
        }
        for (Throwable t : chain) {
            if (t instanceof AddressException) return Optional.of(Failure.permanentFailure(name(t)));
        }
        for (Throwable t : chain) {
            if (t instanceof MessagingException || t instanceof IOException) {
                Throwable root = chain.get(chain.size() - 1);
                return Optional.of(Failure.transientFailure(name(t) + (root == t ? "" : " (" + name(root) + ")")));
            }
        }
        return Optional.empty();
    }

    private static Failure byReply(Throwable t, int code, boolean recipientOrData) {
        String detail = name(t) + " " + code;
        return code >= 500 && code < 600 && recipientOrData ? Failure.permanentFailure(detail) : Failure.transientFailure(detail);
    }

    /** RCPT, DATA, or the end of the message ("."); a 5xx to MAIL FROM or AUTH is our side's to fix. */
    private static boolean recipientOrData(String command) {
        if (command == null) return false;
        String c = command.strip().toUpperCase(java.util.Locale.ROOT);
        return c.startsWith("RCPT") || c.equals("DATA") || c.equals(".");
    }

    private static String name(Throwable t) {
        return t.getClass().getSimpleName();
    }

    /** The causes and the mail errors' "next" exceptions, outermost first, each once. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> out = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> todo = new ArrayList<>();
        if (failure != null) todo.add(failure);
        while (!todo.isEmpty() && out.size() < 50) {
            Throwable t = todo.remove(0);
            if (t == null || seen.put(t, Boolean.TRUE) != null) continue;
            out.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException m) todo.add(m.getNextException());
        }
        return out;
    }
}
