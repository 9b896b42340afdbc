package no.budstikke.delivery.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchRevokedHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.SftpException;
import java.io.FileNotFoundException;
import java.lang.reflect.Constructor;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import no.budstikke.delivery.Failure;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.junit.jupiter.api.Test;

class SftpFailuresTest {

    private final SftpFailures failures = new SftpFailures();

    @Test
    void changedHostKeyIsRetriedAndNamedAsSuch() {
        Failure f = classify(connectFailure(jsch(JSchChangedHostKeyException.class, "HostKey has been changed: [sftp.example]:22")));

        assertThat(f).isEqualTo(Failure.transientFailure("JSchChangedHostKeyException: host-key-changed"));
    }

    @Test
    void unknownAndRevokedHostKeysAreNamedApart() {
        assertThat(classify(connectFailure(jsch(JSchUnknownHostKeyException.class, "reject HostKey: sftp.example"))).detail())
                .isEqualTo("JSchUnknownHostKeyException: host-key-unknown");
        assertThat(classify(connectFailure(jsch(JSchRevokedHostKeyException.class, "revoked HostKey: sftp.example"))).detail())
                .isEqualTo("JSchRevokedHostKeyException: host-key-revoked");
    }

    @Test
    void refusedKeyIsRetried() {
        Failure f = classify(connectFailure(new JSchException("Auth fail for methods 'publickey'")));

        assertThat(f).isEqualTo(Failure.transientFailure("JSchException: auth-failed"));
    }

    @Test
    void networkFailuresAreRetried() {
        assertThat(classify(connectFailure(new JSchException("java.net.ConnectException: Connection refused",
                new ConnectException("Connection refused")))).detail()).isEqualTo("JSchException: connection-refused");
        assertThat(classify(connectFailure(new JSchException("Session.connect: java.net.SocketTimeoutException: Read timed out",
                new SocketTimeoutException("Read timed out")))).detail()).isEqualTo("JSchException: timeout");
        assertThat(classify(connectFailure(new JSchException("timeout: socket is not established"))).detail())
                .isEqualTo("JSchException: timeout");
        assertThat(classify(connectFailure(new JSchException("java.net.UnknownHostException: sftp.example",
                new UnknownHostException("sftp.example")))).detail()).isEqualTo("JSchException: unknown-host");
        assertThat(classify(new SocketTimeoutException("Read timed out"))).isEqualTo(Failure.transientFailure("SocketTimeoutException: timeout"));
    }

    @Test
    void unreadablePrivateKeyIsRetriedOnceOpsFixIt() {
        assertThat(classify(connectFailure(new JSchException("java.io.FileNotFoundException: /run/secrets/key (No such file or directory)",
                new FileNotFoundException("/run/secrets/key")))).detail()).isEqualTo("JSchException: private-key-unreadable");
        assertThat(classify(connectFailure(new JSchException("invalid privatekey: /run/secrets/key"))).detail())
                .isEqualTo("JSchException: private-key-unreadable");
    }

    @Test
    void sftpStatusIsNamedByItsCode() {
        Failure f = classify(new GenericFileOperationFailedException("Cannot change directory to: nord",
                new SftpException(2, "No such file or directory")));

        assertThat(f).isEqualTo(Failure.transientFailure("SftpException: sftp-no-such-file"));
        assertThat(classify(new SftpException(3, "Permission denied")).detail()).isEqualTo("SftpException: sftp-permission-denied");
        assertThat(classify(new SftpException(99, "?")).detail()).isEqualTo("SftpException: sftp-status-99");
    }

    @Test
    void otherFileOperationFailuresAreRetried() {
        assertThat(classify(new GenericFileOperationFailedException("Cannot rename file from: a.part to: a")))
                .isEqualTo(Failure.transientFailure("GenericFileOperationFailedException: file-operation-failed"));
    }

    @Test
    void endpointThatCannotBeMadeFromTheSettingsIsRetried() {
        Failure f = classify(new ResolveEndpointFailedException("sftp://sftp.example:22/inbound",
                new IllegalArgumentException("Property with key [budstikke.sftp.private-key-passphrase] not found")));

        assertThat(f).isEqualTo(Failure.transientFailure("ResolveEndpointFailedException: endpoint-misconfigured"));
    }

    @Test
    void serverClosingTheSessionIsRetried() {
        assertThat(classify(connectFailure(new JSchException("connection is closed by foreign host"))).detail())
                .isEqualTo("JSchException: connection-closed");
        assertThat(classify(connectFailure(new JSchException("Packet corrupt"))).detail()).isEqualTo("JSchException: ssh-error");
    }

    @Test
    void undeliverableTargetIsPermanent() {
        Failure f = classify(new CamelExecutionException("failed", null, new SftpTargetException("the SFTP address is not an sftp:// address")));

        assertThat(f).isEqualTo(Failure.permanentFailure("SftpTargetException: undeliverable-target"));
    }

    @Test
    void detailNeverQuotesTheExceptionMessage() {
        Failure f = classify(connectFailure(new JSchException("Auth fail for user åse.ødegård at /politi/vest/inbound/12345678901.json")));

        assertThat(f.detail()).doesNotContain("ødegård").doesNotContain("/politi").doesNotContain("12345678901");
    }

    @Test
    void failureOfAnotherKindIsLeftToOthers() {
        assertThat(failures.classify(new IllegalStateException("boom"))).isEmpty();
        assertThat(failures.classify(new CamelExecutionException("failed", null, new NullPointerException()))).isEmpty();
    }

    private Failure classify(Throwable t) {
        Optional<Failure> f = failures.classify(t);
        assertThat(f).as("classified: %s", t).isPresent();
        return f.get();
    }

    /** As camel-ftp reports it, inside what a ProducerTemplate throws. */
    private static Throwable connectFailure(Throwable cause) {
        return new CamelExecutionException("Exception occurred during execution on the exchange", null,
                new GenericFileOperationFailedException("Cannot connect to sftp://budstikke@sftp.example:22", cause));
    }

    /** jsch's host key exceptions have package-private constructors. */
    private static JSchException jsch(Class<? extends JSchException> type, String message) {
        try {
            Constructor<? extends JSchException> c = type.getDeclaredConstructor(String.class);
            c.setAccessible(true);
            return c.newInstance(message);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
