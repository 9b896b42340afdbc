package no.budstikke.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real headless Chromium (Debian's chromium and chromedriver; nothing is
 * downloaded), used with the keyboard as a person would: log in, read the overview of a missing
 * child's notices, acknowledge a call with a note and an alert, each recorded as done by the person.
 * Screenshots of the pages go to docs/console/.
 */
class ConsoleBrowserIT {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("docs/console");

    @TempDir
    Path dir;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = chromium();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
    }

    /** Chromium as CI installs it; with the driver and browser named, Selenium Manager never runs. */
    static WebDriver chromium() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--window-size=1366,900", "--lang=nb");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    @Test
    void aPersonSeesAMissingChildsNoticesAndAcknowledgesTheCallAndTheAlertUnderTheirOwnName() throws Exception {
        TestClock clock = TestClock.at("2026-11-20T20:20:00Z");
        // Nothing is delivered while the test runs, so that the event's notices wait where the overview shows them.
        Map<String, String> settings = Map.of("budstikke.tasks.poll-ms", "100", "budstikke.delivery.poll-ms", "3600000");
        try (LogCapture logs = LogCapture.attach(); ConsoleHub console = ConsoleHub.start(dir, settings, clock)) {
            TestHub hub = console.hub;
            screenshot("logg-inn", console, "/console/logg-inn");
            logIn(console, ConsoleHub.OPS_PII);
            assertThat(browser.getCurrentUrl()).endsWith("/console");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Oversikt");

            HttpResponse<String> posted = hub.post("/api/v1/events", "application/cloudevents+json",
                    JSON.writeValueAsBytes(Fixtures.example("missing")), TestHub.ALL_CENTRES_KEY);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            String eventKey = JSON.readTree(posted.body()).path("key").asText();
            List<JsonNode> tasks = await().atMost(Duration.ofSeconds(20)).until(() -> list(hub, "/api/v1/tasks", "tasks"), t -> t.size() == 2);

            // The overview: the offices the event's calls wait on, and the open tasks.
            browser.navigate().refresh();
            String overview = browser.findElement(By.id("innhold")).getText();
            assertThat(overview).contains("police-oslo", "barnevern-oslo", "udi-region-ost");
            assertThat(browser.findElement(By.cssSelector(".tiles")).getText()).contains("av 2 åpne")
                    .containsPattern("\\d+\\s+frister i fare og \\d+ brutt; \\d+ andre løper");
            assertThat(browser.findElement(By.partialLinkText("frister i fare")).getAttribute("href")).endsWith("/console/frister");
            screenshot("oversikt");

            // Tasks: a call acknowledged with a note, by keyboard.
            browser.findElement(By.linkText("Oppgaver")).click();
            assertThat(browser.findElements(By.cssSelector("main table tbody tr"))).hasSize(2);
            screenshot("oppgaver");
            String taskId = tasks.get(0).path("taskId").asText();
            WebElement note = browser.findElement(By.id("notat-" + taskId));
            note.sendKeys("Ringte, fikk svar. Verge er varslet.");
            note.sendKeys(Keys.TAB, Keys.ENTER);
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.cssSelector("#apne + table tbody tr, section table")).size() >= 1
                    && browser.getPageSource().contains("Ringte, fikk svar."));
            assertThat(browser.findElement(By.id("utforte")).findElement(By.xpath("..")).getText())
                    .contains("person:" + ConsoleHub.OPS_PII, "Ringte, fikk svar. Verge er varslet.");
            JsonNode done = list(hub, "/api/v1/tasks?state=all", "tasks").stream()
                    .filter(t -> t.path("taskId").asText().equals(taskId)).findFirst().orElseThrow();
            assertThat(done.path("acknowledgedBy").asText()).isEqualTo("person:" + ConsoleHub.OPS_PII);
            assertThat(hub.get("/api/v1/journal/events/" + eventKey, TestHub.OPS_KEY).body())
                    .contains("\"actor\":\"person:" + ConsoleHub.OPS_PII + "\"");

            // The other call is not made in time: its alert is acknowledged on the alerts page.
            clock.advance(Duration.ofMinutes(61));
            await().atMost(Duration.ofSeconds(20)).until(() -> list(hub, "/api/v1/alerts", "alerts"), a -> a.size() == 1);
            // An hour without a request is past the idle timeout: the session is gone, and the person logs in again.
            browser.findElement(By.linkText("Varsler")).click();
            assertThat(browser.getCurrentUrl()).endsWith("/console/logg-inn");
            logIn(console, ConsoleHub.OPS_PII);
            browser.findElement(By.linkText("Varsler")).click();
            WebElement acknowledge = browser.findElement(By.cssSelector("main form button"));
            screenshot("varsler");
            acknowledge.sendKeys(Keys.ENTER);
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.getPageSource().contains("Ingen åpne varsler."));
            JsonNode alert = list(hub, "/api/v1/alerts?state=all", "alerts").get(0);
            assertThat(alert.path("acknowledgedBy").asText()).isEqualTo("person:" + ConsoleHub.OPS_PII);

            // The password, the note and the people to call stay out of the logs.
            assertThat(logs.all()).doesNotContain(ConsoleHub.PASSWORD, "Ringte, fikk svar", "+4791234567", "+4722334455",
                    "Kari Nordmann", "Per Hansen");
        }
    }

    @Test
    void staffLandOnTheTasksAndSeeNoOtherPage() throws Exception {
        try (ConsoleHub console = ConsoleHub.start(dir)) {
            logIn(console, ConsoleHub.STAFF);
            assertThat(browser.getCurrentUrl()).endsWith("/console/oppgaver");
            assertThat(browser.findElements(By.linkText("Varsler"))).isEmpty();
            assertThat(browser.findElements(By.linkText("Oversikt"))).isEmpty();
            browser.get(console.uri("/console/varsler").toString());
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Ingen tilgang");
            // Logging out ends the session: the pages send the browser back to the login.
            browser.get(console.uri("/console/oppgaver").toString());
            browser.findElement(By.cssSelector("form.logout button")).click();
            browser.get(console.uri("/console/oppgaver").toString());
            assertThat(browser.getCurrentUrl()).endsWith("/console/logg-inn");
        }
    }

    /** Logs in with the keyboard only: the skip link first, then the fields in tab order. */
    private void logIn(ConsoleHub console, String name) {
        browser.get(console.uri("/console/logg-inn").toString());
        WebElement field = browser.findElement(By.id("navn"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(field); // autofocus
        field.sendKeys(name, Keys.TAB, ConsoleHub.PASSWORD, Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.getCurrentUrl().endsWith("/logg-inn"));
        // The session cookie is HttpOnly: no script sees it.
        assertThat(browser.manage().getCookieNamed("budstikke_console")).satisfies(c -> {
            assertThat(c.isHttpOnly()).isTrue();
            assertThat(c.isSecure()).isTrue();
            assertThat(c.getSameSite()).isEqualTo("Strict");
        });
    }

    private void screenshot(String name, ConsoleHub console, String path) throws IOException {
        browser.get(console.uri(path).toString());
        screenshot(name);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static List<JsonNode> list(TestHub hub, String path, String field) throws Exception {
        HttpResponse<String> r = hub.get(path, TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(JSON.readTree(r.body()).path(field).spliterator(), false).toList();
    }
}
