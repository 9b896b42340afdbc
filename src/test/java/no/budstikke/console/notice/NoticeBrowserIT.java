package no.budstikke.console.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.budstikke.model.DeadlineClock;
import no.budstikke.store.DeadlineRuns;
import no.budstikke.store.Transactions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * Meldinger, one notice and Frister in real headless Chromium against the running hub: an office
 * refuses a notice until it is DEAD, ops find it by status, the office is fixed, and the notice is
 * replayed from its page through the confirmation and delivered, its timeline naming the person.
 * Screenshots go to docs/console/.
 */
class NoticeBrowserIT {

    private static final Path SHOTS = Path.of("docs", "console");

    @TempDir
    Path dir;

    private NoticeConsole console;
    private WebDriver browser;

    @AfterEach
    void stop() {
        try {
            if (browser != null) browser.quit();
        } finally {
            if (console != null) console.close();
        }
    }

    @Test
    void aDeadNoticeIsFoundByStatusReplayedWithConfirmationAndDeliveredInThePersonsName() throws Exception {
        console = NoticeConsole.start(dir);
        String dead = console.deadPoliceNotice();
        browser = chromium();
        String base = "http://localhost:" + console.uri("/").getPort();

        browser.get(base + "/console/logg-inn");
        browser.findElement(By.id("navn")).sendKeys(NoticeConsole.OPS_PII);
        browser.findElement(By.id("passord")).sendKeys(NoticeConsole.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(browser.getCurrentUrl()).as(browser.getPageSource()).isEqualTo(base + "/console");
        browser.findElement(By.linkText("Meldinger")).click();

        // Search by status and office, with the labelled fields.
        new Select(browser.findElement(By.id("status"))).selectByValue("DEAD");
        browser.findElement(By.id("kontor")).sendKeys(NoticeConsole.POLICE);
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        assertThat(browser.getCurrentUrl()).contains("status=DEAD", "kontor=police-oslo");
        List<WebElement> rows = browser.findElements(By.cssSelector("table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(dead, "O21", "police-oslo", "Ikke levert (stoppet)");
        assertThat(rows.get(0).getAttribute("class")).isEqualTo("bad");
        shoot("meldinger.png");

        console.fixPolice();
        browser.findElement(By.linkText(dead)).click();
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Rettslig grunnlag", "Felt holdt tilbake", "Forsøk 1: feilet, stoppet", "HTTP 404");
        assertThat(browser.findElements(By.cssSelector("ul.fields-removed li"))).isNotEmpty();
        assertThat(browser.getPageSource()).doesNotContain(NoticeConsole.MISSING_DUF);

        // The action and its confirmation by keyboard alone; a key press does not wait for the page it
        // leads to, as a click does.
        browser.findElement(By.linkText("Send på nytt")).sendKeys(Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/send-pa-nytt"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Send på nytt?");
        assertThat(console.status(dead)).isEqualTo("DEAD"); // the confirmation page changes nothing
        browser.findElement(By.cssSelector("form.confirm button[type=submit]")).sendKeys(Keys.SPACE);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/console/meldinger/" + dead));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.navigate().refresh();
            return browser.findElement(By.cssSelector("table.facts")).getText().contains("Levert");
        });
        String timeline = browser.findElement(By.cssSelector("section[aria-labelledby=tidslinje] table")).getText();
        assertThat(timeline).contains("Sendt på nytt", "av person:" + NoticeConsole.OPS_PII, "Forsøk 1: levert", "Kvittering: HTTP 201");
        assertThat(timeline.indexOf("feilet, stoppet")).isLessThan(timeline.indexOf("Sendt på nytt"));
        assertThat(timeline.indexOf("Sendt på nytt")).isLessThan(timeline.indexOf("Forsøk 1: levert"));
        assertThat(console.status(dead)).isEqualTo("DELIVERED");
        assertThat(browser.findElements(By.linkText("Send på nytt"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("table.facts")).getText()).doesNotContain("Siste feil");
        // Tall enough for the whole timeline in one picture.
        browser.manage().window().setSize(new Dimension(1366, 1500));
        shoot("melding.png");
        browser.manage().window().setSize(new Dimension(1366, 900));

        // Frister: the example's D1 started at its event time, long past; besides it one run calm, one at risk and
        // one overdue.
        startOldRuns();
        browser.findElement(By.linkText("Frister")).click();
        List<WebElement> runs = browser.findElements(By.cssSelector("table tbody tr"));
        assertThat(runs).extracting(WebElement::getText).anyMatch(t -> t.startsWith("D1 "));
        // A run is named by its deadline and starting event, never by its case.
        assertThat(browser.getPageSource()).doesNotContain(NoticeConsole.MISSING_DUF);
        WebElement calm = runs.stream().filter(r -> r.getText().startsWith("D5 ")).findFirst().orElseThrow();
        assertThat(calm.getText()).contains("Løper");
        assertThat(calm.getAttribute("class")).isNullOrEmpty();
        WebElement overdue = runs.stream().filter(r -> r.getText().startsWith("D3 ")).findFirst().orElseThrow();
        assertThat(overdue.getAttribute("class")).isEqualTo("bad");
        assertThat(overdue.getText()).containsPattern("(Overskredet|Brutt) \\d\\d\\.\\d\\d\\.\\d{4} kl\\. \\d\\d:\\d\\d");
        WebElement atRisk = runs.stream().filter(r -> r.getText().startsWith("D2 ")).findFirst().orElseThrow();
        assertThat(atRisk.getAttribute("class")).isEqualTo("warn");
        assertThat(atRisk.getText()).contains("I fare");
        shoot("frister.png");
    }

    private void startOldRuns() {
        Transactions transactions = console.hub.bean("transactions", Transactions.class);
        DeadlineRuns runs = console.hub.bean("deadlineRuns", DeadlineRuns.class);
        String event = console.lastEventKey();
        Instant now = Instant.now();
        transactions.inTransaction(tx -> {
            runs.start(tx, "browser-at-risk", "D2", event, null, null, 1,
                    new DeadlineClock.Times(now.minus(Duration.ofHours(30)), now.plus(Duration.ofHours(6)), now.minus(Duration.ofHours(2))),
                    now);
            runs.start(tx, "browser-calm", "D5", event, null, null, 1,
                    new DeadlineClock.Times(now, now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(1))), now);
            runs.start(tx, "browser-overdue", "D3", event, null, null, 1,
                    new DeadlineClock.Times(now.minus(Duration.ofDays(3)), now.minus(Duration.ofHours(1)), now.minus(Duration.ofDays(1))),
                    now);
            return null;
        });
    }

    private WebDriver chromium() {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--window-size=1366,900", "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void shoot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
