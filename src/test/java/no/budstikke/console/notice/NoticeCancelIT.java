package no.budstikke.console.notice;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Avbryt and Send på nytt over HTTP with the session's token: a dead notice is cancelled in the
 * person's name, an action its status no longer allows is refused with 409, and a cancelled notice
 * can be sent again.
 */
class NoticeCancelIT {

    @TempDir
    Path dir;

    private NoticeConsole console;

    @AfterEach
    void stop() {
        if (console != null) console.close();
    }

    @Test
    void aDeadNoticeIsCancelledInThePersonsNameThenRefusedASecondCancelAndSentAgainOnceFixed() throws Exception {
        console = NoticeConsole.start(dir);
        String dead = console.deadPoliceNotice();
        String ops = console.login(NoticeConsole.OPS);
        String path = "/console/meldinger/" + dead;
        String csrf = NoticeConsole.csrf(console.get(path + "/avbryt", ops).body());

        HttpResponse<String> cancelled = console.post(path + "/avbryt", ops, Map.of("csrf", csrf));
        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(cancelled.headers().firstValue("Location")).hasValue(path);
        assertThat(console.status(dead)).isEqualTo("CANCELLED");
        String page = console.get(path, ops).body();
        assertThat(page).contains("<td>Avbrutt</td><td>av person:" + NoticeConsole.OPS + "</td>");
        assertThat(page).doesNotContain("href=\"" + path + "/avbryt\"").contains("href=\"" + path + "/send-pa-nytt\"");

        // A second cancel, say from a page left open, finds the notice cancelled already.
        HttpResponse<String> again = console.post(path + "/avbryt", ops, Map.of("csrf", csrf));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Avbryt går ikke nå", "«Avbrutt»");
        assertThat(console.get(path + "/avbryt", ops).statusCode()).isEqualTo(409);

        console.fixPolice();
        assertThat(console.post(path + "/send-pa-nytt", ops, Map.of("csrf", csrf)).statusCode()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(30)).until(() -> console.status(dead).equals("DELIVERED"));
        assertThat(console.post(path + "/send-pa-nytt", ops, Map.of("csrf", csrf)).statusCode()).isEqualTo(409);
        // The refusal and the delivery, both with the notice's one idempotency key.
        assertThat(console.office.findAll(postRequestedFor(urlEqualTo("/" + NoticeConsole.POLICE)))).hasSize(2)
                .allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(dead));
    }
}
