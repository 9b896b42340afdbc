package no.budstikke.delivery;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import no.budstikke.model.Channel;

/**
 * Names a delivery failure by asking the classifier of the channel that failed; anything it does
 * not recognise is transient, so an unforeseen error is retried (and ends in DEAD) rather than lost.
 * A transient failure is then placed: the office's, when the office could not be reached at all
 * (refused, reset, timed out, TLS, an unknown host, or a 5xx answer), so that the office backs
 * off as a whole; otherwise the notice's own (a 4xx, a bad address, a 429 or 408 for this one).
 */
public final class FailureClassifier {

    private static final int MAX_CAUSES = 32;
    private static final Pattern SERVER_ERROR = Pattern.compile("HTTP 5\\d\\d");

    private final Map<Channel, ChannelFailures> channels;

    public FailureClassifier(Map<Channel, ChannelFailures> channels) {
        this.channels = Map.copyOf(channels);
    }

    public Failure classify(Channel channel, Throwable t) {
        Failure f = Optional.ofNullable(channels.get(channel)).flatMap(c -> c.classify(t))
                .orElseGet(() -> Failure.transientFailure(t == null ? "unknown failure" : t.getClass().getName()));
        return !f.permanent() && (SERVER_ERROR.matcher(f.detail()).matches() || unreachable(t)) ? f.ofOffice() : f;
    }

    /** A connection-level cause anywhere in the chain (mail errors give their next exception as cause). */
    static boolean unreachable(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketException || t instanceof InterruptedIOException || t instanceof SSLException
                    || t.getClass().getSimpleName().endsWith("ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }
}
