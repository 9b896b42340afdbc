package no.budstikke;

import no.budstikke.delivery.sftp.SftpFailures;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The SFTP channel, whose connection settings its route reads: what a failed upload means. */
public final class SftpWiring implements CamelConfiguration {

    @BindToRegistry
    public SftpFailures sftpFailures() {
        return new SftpFailures();
    }
}
