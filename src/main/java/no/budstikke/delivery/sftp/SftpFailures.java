package no.budstikke.delivery.sftp;

import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchRevokedHostKeyException;
import com.jcraft.jsch.JSchSessionDisconnectException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.SftpException;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import no.budstikke.delivery.ChannelFailures;
import no.budstikke.delivery.Failure;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failures of the SFTP channel. Only an undeliverable target is permanent; everything else
 * (the server away, timeouts, a refused key, a host key that does not match) is retried, since
 * ops can fix it and the delivery then goes through; the retry limit ends it in DEAD otherwise.
 * The detail is the exception class and a short reason code: exception messages name paths and
 * hosts, and are never copied.
 */
public final class SftpFailures implements ChannelFailures {

    private static final Logger LOG = LoggerFactory.getLogger(SftpFailures.class);

    @Override
    public Optional<Failure> classify(Throwable failure) {
        Throwable sftp = null;
        Throwable jsch = null;
        Throwable network = null;
        Throwable file = null;
        Throwable endpoint = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 32; t = t.getCause()) {
            if (t instanceof SftpTargetException) {
                return Optional.of(Failure.permanentFailure(detail(t, "undeliverable-target")));
            }
            if (jsch == null && t instanceof JSchException) jsch = t;
            if (sftp == null && t instanceof SftpException) sftp = t;
            if (network == null && (t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException)) network = t;
            if (file == null && t instanceof GenericFileOperationFailedException) file = t;
            if (endpoint == null && t instanceof ResolveEndpointFailedException) endpoint = t;
        }
        if (jsch != null) return Optional.of(Failure.transientFailure(detail(jsch, jschReason((JSchException) jsch, network))));
        if (network != null) return Optional.of(Failure.transientFailure(detail(network, networkReason(network))));
        if (sftp != null) return Optional.of(Failure.transientFailure(detail(sftp, sftpReason(((SftpException) sftp).id))));
        if (file != null) return Optional.of(Failure.transientFailure(detail(file, "file-operation-failed")));
        // The endpoint could not be made from the settings (the passphrase setting missing, say).
        if (endpoint != null) return Optional.of(Failure.transientFailure(detail(endpoint, "endpoint-misconfigured")));
        return Optional.empty();
    }

    private static String jschReason(JSchException e, Throwable network) {
        // A host key problem may be an attack as well as a re-keyed server: ops must verify the
        // key with the office before changing known_hosts, so it stands out in the log.
        if (e instanceof JSchChangedHostKeyException) return hostKey("host-key-changed");
        if (e instanceof JSchUnknownHostKeyException) return hostKey("host-key-unknown");
        if (e instanceof JSchRevokedHostKeyException) return hostKey("host-key-revoked");
        if (e instanceof JSchAlgoNegoFailException) return "algorithm-negotiation-failed";
        if (e instanceof JSchSessionDisconnectException) return "disconnected-by-server";
        if (network != null) return networkReason(network);
        String message = e.getMessage() == null ? "" : e.getMessage();
        // "Auth fail for methods ...", "Auth cancel ..." (jsch's own, non-public, auth exceptions)
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) return "auth-failed";
        if (message.startsWith("timeout")) return "timeout";
        if (message.contains("invalid privatekey") || e.getCause() instanceof FileNotFoundException
                || message.contains("FileNotFoundException")) return "private-key-unreadable";
        if (message.contains("closed by foreign host") || message.contains("session is down")) return "connection-closed";
        return "ssh-error";
    }

    private static String networkReason(Throwable t) {
        if (t instanceof ConnectException) return "connection-refused";
        if (t instanceof NoRouteToHostException) return "no-route-to-host";
        if (t instanceof UnknownHostException) return "unknown-host";
        if (t instanceof SocketTimeoutException) return "timeout";
        return "connection-lost";
    }

    private static String sftpReason(int status) {
        return switch (status) {
            case 2 -> "sftp-no-such-file";
            case 3 -> "sftp-permission-denied";
            case 4 -> "sftp-failure";
            case 6 -> "sftp-no-connection";
            case 7 -> "sftp-connection-lost";
            case 8 -> "sftp-unsupported";
            default -> "sftp-status-" + status;
        };
    }

    private static String hostKey(String reason) {
        LOG.warn("SFTP host key check failed ({}): the server's key is not the one in the hub's known_hosts. "
                + "Verify the key with the office before changing known_hosts; deliveries to it are retried until then.", reason);
        return reason;
    }

    private static String detail(Throwable t, String reason) {
        return t.getClass().getSimpleName() + ": " + reason;
    }
}
