package no.budstikke.delivery.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import no.budstikke.delivery.Delivery;
import no.budstikke.model.Channel;
import no.budstikke.model.Priority;
import org.junit.jupiter.api.Test;

class SftpTargetTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";

    @Test
    void fileIsNamedByTheNoticeIdInTheOfficeFolder() {
        SftpTarget t = SftpTarget.of(delivery(ID, "sftp://sftp.example/politi/vest/inbound"), "budstikke");

        assertThat(t).isEqualTo(new SftpTarget("sftp.example", 22, "budstikke", "politi/vest/inbound", ID + ".json",
                "sftp://sftp.example:22/politi/vest/inbound/" + ID + ".json"));
    }

    @Test
    void receiptLeavesTheUserOut() {
        SftpTarget t = SftpTarget.of(delivery(ID, "sftp://pu-user@sftp.example:2222/pu/inbound"), "budstikke");

        assertThat(t.user()).isEqualTo("pu-user");
        assertThat(t.receipt()).isEqualTo("sftp://sftp.example:2222/pu/inbound/" + ID + ".json");
    }

    @Test
    void noticeIdThatCouldNameAnotherFileIsRefused() {
        for (String id : new String[] {"../../etc/passwd", ID.toUpperCase(), ID + "0", "", null}) {
            assertThatThrownBy(() -> SftpTarget.of(delivery(id, "sftp://sftp.example/inbound"), "budstikke"))
                    .as(String.valueOf(id))
                    .isInstanceOf(SftpTargetException.class)
                    .hasMessage("the notice id is not 32 lower-case hex digits");
        }
    }

    @Test
    void userIsNeededFromTheAddressOrTheHub() {
        assertThatThrownBy(() -> SftpTarget.of(delivery(ID, "sftp://sftp.example/inbound"), " "))
                .isInstanceOf(SftpTargetException.class)
                .hasMessage("the SFTP address names no user and no default user is set");
        assertThatThrownBy(() -> SftpTarget.of(delivery(ID, "sftp://sftp.example/inbound"), "a&b=c"))
                .isInstanceOf(SftpTargetException.class)
                .hasMessage("the default SFTP user name is unusable");
    }

    @Test
    void noticeWithoutADocumentIsRefused() {
        Delivery empty = new Delivery(ID, "O17", "k", Priority.NORMAL, "pu", "PU", Channel.SFTP, "sftp://sftp.example/inbound", 1, "");

        assertThatThrownBy(() -> SftpTarget.of(empty, "budstikke")).isInstanceOf(SftpTargetException.class)
                .hasMessage("the notice has no document");
    }

    private static Delivery delivery(String id, String address) {
        return new Delivery(id, "O17", "missing-person", Priority.URGENT, "police-vest", "Vest politidistrikt",
                Channel.SFTP, address, 1, "{}");
    }
}
