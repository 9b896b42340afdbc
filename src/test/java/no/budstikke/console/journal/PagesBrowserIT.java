package no.budstikke.console.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Saksjournal, Karantene and Oppsett in a real headless Chromium (Debian's chromium and
 * chromedriver): a missing child's case looked up by a typed DUF number, with the name for ops-pii
 * and without it for ops; a refused event in the quarantine; missing.json explained. Screenshots of
 * the three pages go to docs/console/.
 */
class PagesBrowserIT {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final Path SCREENSHOTS = Path.of("docs/console");

    @TempDir
    Path dir;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--window-size=1366,1000", "--lang=nb");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void opsPiiAndOpsReadTheCaseJournalTheQuarantineAndAnExplainedEvent() throws Exception {
        try (PagesConsole console = PagesConsole.start(dir)) {
            assertThat(console.postMissing().statusCode()).isEqualTo(202);
            assertThat(console.postInvalid().statusCode()).isEqualTo(400);

            // ops-pii: the case by its typed number, with the child's name on each notice.
            logIn(console, PagesConsole.OPS_PII);
            browser.findElement(By.linkText("Saksjournal")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                lookUp(PagesConsole.DUF);
                return browser.findElements(By.cssSelector("tr.notice")).size() >= 3;
            });
            assertThat(browser.getCurrentUrl()).endsWith("/console/saksjournal").doesNotContain(PagesConsole.DUF);
            String journal = browser.findElement(By.id("innhold")).getText();
            assertThat(journal).contains("police-oslo", "barnevern-oslo", PagesConsole.NAME, "forvaltningsloven § 13 b nr. 5");
            int rows = browser.findElements(By.cssSelector("tr.notice")).size();
            screenshot("saksjournal");

            // A mistyped number is named in Norwegian.
            lookUp("2019-1234");
            assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("bare av sifre");

            // The quarantine: the refused event and its problem.
            browser.findElement(By.linkText("Karantene")).click();
            String quarantine = browser.findElement(By.cssSelector("main table")).getText();
            assertThat(quarantine).contains("CONTRACT_VIOLATION", "/data/person/dufNumber", "must be 12 digits");
            screenshot("karantene");

            // Oppsett: missing.json explained, the police notice with its legal basis.
            browser.findElement(By.linkText("Oppsett")).click();
            var field = browser.findElement(By.id("hendelse"));
            // Pasted as a person would (set at once: typing 2 KB key by key is slow and changes nothing).
            ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", field, Files.readString(PagesConsole.MISSING));
            field.sendKeys(Keys.TAB, Keys.ENTER);
            await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("forklaring")).isEmpty());
            String explained = browser.findElement(By.id("forklaring")).getText();
            assertThat(explained).contains("police-oslo", "POLICE_DISTRICT", "forvaltningsloven § 13 b nr. 5", "URGENT");
            browser.findElement(By.id("forklaring")).findElement(By.tagName("summary")).click();
            screenshot("oppsett");

            // ops: the same rows, without the name.
            browser.findElement(By.cssSelector("form.logout button")).click();
            logIn(console, PagesConsole.OPS);
            browser.findElement(By.linkText("Saksjournal")).click();
            lookUp(PagesConsole.DUF);
            assertThat(browser.findElements(By.cssSelector("tr.notice"))).hasSize(rows);
            String asOps = browser.findElement(By.id("innhold")).getText();
            assertThat(asOps).contains("police-oslo", "forvaltningsloven § 13 b nr. 5").doesNotContain("Amina").doesNotContain(PagesConsole.DUF);
        }
    }

    private void lookUp(String duf) {
        var field = browser.findElement(By.id("duf"));
        field.clear();
        field.sendKeys(duf, Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.id("duf")).size() == 1
                && browser.findElement(By.id("duf")).getAttribute("value").isEmpty());
    }

    private void logIn(PagesConsole console, String name) {
        browser.get(console.uri("/console/logg-inn").toString());
        browser.findElement(By.id("navn")).sendKeys(name, Keys.TAB, PagesConsole.PASSWORD, Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.getCurrentUrl().endsWith("/logg-inn"));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
