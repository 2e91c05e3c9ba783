package org.attendanceledger.service.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.allDay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web pages in a real browser: Debian's headless Chromium driven through its own chromedriver, both named by
 * path so that nothing is downloaded. Without them the tests are skipped with the command that installs them, unless
 * {@code -Dledger.ui.require-browser=true} (CI), where a missing browser fails. With
 * {@code -Dledger.ui.screenshots=<dir>} each page visited is also saved there as a PNG (docs/ui in the README).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesBrowserTest extends LedgerApiTest {

    /** Debian's paths; {@code -Dledger.ui.chromium=} and {@code -Dledger.ui.chromedriver=} name others. */
    static final Path CHROMIUM = Path.of(System.getProperty("ledger.ui.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ledger.ui.chromedriver", "/usr/bin/chromedriver"));
    static final String INSTALL = "apt-get install -y chromium chromium-driver";
    static final String FROM = "2024-09-04";
    static final String TO = "2024-12-20";

    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path downloads;
    private Path screenshots;

    private String laCode;
    private String urn;
    private String queued;
    private String recordedFrom;
    private String officerKey;
    private String auditorKey;
    private String otherUrn;
    private String otherPupil;

    @BeforeAll
    void startBrowserAndSeed() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && Boolean.getBoolean("ledger.ui.require-browser")) {
            Assertions.fail("ledger.ui.require-browser is set but Chromium is missing: " + INSTALL);
        }
        Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed; to run the browser tests: "
                + INSTALL);
        downloads = Files.createTempDirectory("ledger-ui-downloads");
        String shots = System.getProperty("ledger.ui.screenshots");
        screenshots = shots == null || shots.isBlank() ? null : Files.createDirectories(Path.of(shots));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1400", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // htmx swaps the fragments it fetches: an element found a moment ago may have been replaced since.
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);

        laCode = ProjectionReader.newLaCode();
        urn = fixtures().exampleSchool(laCode);
        queued = reachesTheThreshold(urn);
        recordedFrom = reachesTheThreshold(urn);
        officerKey = ApiKeys.issue(api(), "la-officer", List.of(), List.of(laCode)).token();
        auditorKey = ApiKeys.issue(api(), "auditor", List.of(), List.of()).token();
        String otherLa = ProjectionReader.newLaCode();
        otherUrn = fixtures().exampleSchool(otherLa);
        otherPupil = reachesTheThreshold(otherUrn);
    }

    /** 10 sessions of G and U within 10 school weeks, the last one amended from U to O with a reason. */
    private String reachesTheThreshold(String school) {
        String upn = fixtures().admit(school, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(upn, "G", "2024-10-03", "2024-10-04"));
        marks.addAll(allDay(upn, "U", "2024-11-25", "2024-11-26", "2024-11-27"));
        marks.addAll(allDay(upn, "/", "2024-11-28"));
        fixtures().recordMarks(school, marks);
        var amended = fixtures().amend(school, upn, "2024-11-27", "PM", "O", "Parent said the child was unwell",
                Fixtures.OFFICE, "2024-11-28T09:00:00Z");
        assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
        return upn;
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        if (browser != null) {
            browser.manage().deleteAllCookies();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void open(String path) {
        browser.get(url(path));
    }

    private void signIn(String key) {
        open("/ui/sign-in");
        browser.findElement(By.id("apiKey")).sendKeys(key);
        browser.findElement(By.id("name")).sendKeys("Lee Officer");
        browser.findElement(By.id("position")).sendKeys("Attendance officer");
        browser.findElement(By.id("sign-in")).click();
        // The start page: until it has loaded, the session cookie may not be set yet.
        wait.until(d -> !d.findElements(By.id("role")).isEmpty());
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    /** The codes of the page's error summary, once it has one (or none, after the wait's time). */
    private List<String> errorCodes() {
        try {
            wait.until(d -> !d.findElements(By.cssSelector("[data-code]")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException none) {
            return List.of();
        }
        return browser.findElements(By.cssSelector("[data-code]")).stream()
                .map(e -> e.getAttribute("data-code")).toList();
    }

    private void screenshot(String name) throws IOException {
        if (screenshots != null) {
            Files.write(screenshots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    private String queuePath() {
        return "/ui/las/" + laCode + "/penalty-threshold?from=" + FROM + "&to=" + TO;
    }

    @Test
    void a_wrong_key_is_refused_with_an_error_summary_and_signs_nobody_in() throws IOException {
        open("/ui/sign-in");
        screenshot("01-sign-in");
        browser.findElement(By.id("apiKey")).sendKeys("lk_not-a-key-anyone-was-given");
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> !d.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());

        assertThat(browser.findElement(By.cssSelector(".govuk-error-summary")).getText())
                .contains("That is not an active API key");
        assertThat(errorCodes()).containsExactly("UNAUTHENTICATED");
        screenshot("02-sign-in-refused");
        open(queuePath());
        assertThat(browser.getCurrentUrl()).endsWith("/ui/sign-in");
    }

    @Test
    void an_la_officer_records_a_notice_from_a_queue_row_and_the_row_changes() throws IOException {
        signIn(officerKey);
        open(queuePath());
        String rowId = "pupil-" + urn + "-" + recordedFrom;
        WebElement row = browser.findElement(By.id(rowId));
        assertThat(row.findElement(By.cssSelector(".breach")).getText()).isEqualTo("2024-11-27 PM");
        assertThat(row.getText()).contains("10 sessions").contains("G 4, O 1, U 5").contains("None on record");
        screenshot("03-penalty-threshold-queue");

        row.findElement(By.tagName("summary")).click();
        row.findElement(By.cssSelector(".parent-ref")).sendKeys("PARENT-7");
        wait.until(d -> d.findElement(By.id(rowId + "-eligibility")).getText()
                .contains("A penalty notice may be issued: notice 1, 80 pounds."));
        new org.openqa.selenium.support.ui.Select(row.findElement(By.cssSelector(".kind")))
                .selectByValue("PENALTY_NOTICE");
        screenshot("04-record-a-notice");
        row.findElement(By.cssSelector(".record-notice")).click();

        wait.until(d -> d.findElement(By.id(rowId)).getText().contains("Penalty notice 1 issued"));
        WebElement changed = browser.findElement(By.id(rowId));
        assertThat(changed.findElements(By.cssSelector(".notice"))).hasSize(1);
        assertThat(changed.findElement(By.cssSelector(".recorded")).getText()).startsWith("Recorded: PENALTY_NOTICE");
        screenshot("05-queue-row-after-the-notice");

        // Sent again, the same notice is recognised and stored once: the row still lists one.
        long events = eventCount();
        changed.findElement(By.tagName("summary")).click();
        changed.findElement(By.cssSelector(".parent-ref")).sendKeys("PARENT-7");
        new org.openqa.selenium.support.ui.Select(changed.findElement(By.cssSelector(".kind")))
                .selectByValue("PENALTY_NOTICE");
        // Marks the row as it is now, so that the wait below sees the row htmx swaps in, not this one.
        ((JavascriptExecutor) browser).executeScript("arguments[0].setAttribute('data-before', 'retry')", changed);
        changed.findElement(By.cssSelector(".record-notice")).click();
        wait.until(d -> d.findElement(By.id(rowId)).getAttribute("data-before") == null);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(browser.findElement(By.id(rowId)).findElements(By.cssSelector(".notice"))).hasSize(1);

        var onRecord = api().get("/api/v1/las/" + laCode + "/penalty-notices?upn=" + recordedFrom).body();
        assertThat(onRecord.path("items")).hasSize(1);
        assertThat(onRecord.path("items").get(0).path("parentRef").asText()).isEqualTo("PARENT-7");
        assertThat(onRecord.path("items").get(0).path("breachAt").path("date").asText()).isEqualTo("2024-11-27");
    }

    @Test
    void the_officer_opens_a_pupil_timeline_and_an_amendment_chain_without_its_reason() throws IOException {
        signIn(officerKey);
        open(queuePath());
        browser.findElement(By.linkText(queued)).click();
        wait.until(d -> d.findElement(By.id("heatmap")).isDisplayed());
        WebElement amended = browser.findElement(By.id("session-2024-11-27-PM"));
        assertThat(amended.getText()).isEqualTo("O");
        assertThat(amended.getAttribute("aria-label")).isEqualTo("2024-11-27 PM: O (unauthorised absence)");
        assertThat(amended.findElement(By.xpath("..")).getAttribute("class")).isEqualTo("cat-UNAUTHORISED_ABSENCE");

        amended.click();
        wait.until(d -> !d.findElements(By.id("amendment-chain")).isEmpty());
        String chain = browser.findElement(By.id("amendment-chain")).getText();
        assertThat(chain).contains("Original entry").contains("Amended entry").contains("Tom Teacher, Class teacher")
                .contains("Olive Office, Attendance officer").contains("Withheld")
                .doesNotContain("Parent said the child was unwell");
        screenshot("06-pupil-timeline-and-amendment-chain");
    }

    @Test
    void the_queue_downloads_as_the_same_csv_the_api_answers() throws Exception {
        signIn(officerKey);
        open(queuePath());
        browser.findElement(By.id("csv")).click();
        Path csv = downloads.resolve("penalty-threshold-" + laCode + ".csv");
        wait.until(d -> Files.exists(csv) && csv.toFile().length() > 0);

        String downloaded = Files.readString(csv, StandardCharsets.UTF_8);
        String fromApi = api().getAs("/api/v1/las/" + laCode + "/penalty-threshold?from=" + FROM + "&to=" + TO,
                "text/csv").body();
        assertThat(downloaded).isEqualTo(fromApi).contains(queued).contains(recordedFrom);
        assertThat(downloaded.lines().findFirst().orElseThrow()).startsWith("urn,upn,from,to,met");
    }

    @Test
    void an_la_officer_cannot_see_another_las_school_or_queue() throws IOException {
        signIn(officerKey);
        open("/ui/schools/" + otherUrn + "/pupils/" + otherPupil + "?academicYear=2024-25");
        assertThat(errorCodes()).containsExactly("FORBIDDEN");
        assertThat(text()).doesNotContain("2024-11-27");
        screenshot("07-another-las-school-refused");

        open("/ui/las/" + ProjectionReader.newLaCode() + "/penalty-threshold");
        assertThat(errorCodes()).containsExactly("FORBIDDEN");
    }

    @Test
    void a_form_posted_without_its_csrf_token_is_refused_and_stores_nothing() throws IOException {
        signIn(officerKey);
        open(queuePath());
        long events = eventCount();
        // The same form as a row's, built without the hidden _csrf field and posted by the browser itself.
        ((JavascriptExecutor) browser).executeScript("""
                const f = document.createElement('form');
                f.method = 'post';
                f.action = arguments[0];
                for (const [k, v] of Object.entries(arguments[1])) {
                  const i = document.createElement('input'); i.name = k; i.value = v; f.appendChild(i);
                }
                document.body.appendChild(f);
                f.submit();""", "/ui/las/" + laCode + "/penalty-notices", Map.of("urn", urn, "upn", queued,
                "parentRef", "PARENT-9", "kind", "NOTICE_TO_IMPROVE", "issuedOn", "2024-12-02",
                "name", "Lee Officer", "position", "Attendance officer"));

        wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("The form could not be accepted"));
        assertThat(errorCodes()).containsExactly("FORBIDDEN");
        screenshot("08-form-without-csrf-token-refused");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(api().get("/api/v1/las/" + laCode + "/penalty-notices?upn=" + queued).body().path("items"))
                .isEmpty();
    }

    @Test
    void the_officer_signs_out_and_the_session_no_longer_opens_pages() throws IOException {
        signIn(officerKey);
        open("/ui/");
        assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("LA_OFFICER");
        var cookie = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        screenshot("00-start-page");

        browser.findElement(By.id("sign-out")).click();
        wait.until(d -> !d.findElements(By.id("signed-out")).isEmpty());

        assertThat(browser.findElement(By.id("signed-out")).getText()).isEqualTo("You have signed out.");
        open(queuePath());
        assertThat(browser.getCurrentUrl()).endsWith("/ui/sign-in");
    }

    @Test
    void the_lists_pages_show_the_las_tables_each_with_its_csv_link() throws IOException {
        signIn(officerKey);
        for (String page : List.of("absence-lists/persistent?academicYear=2024-25&asOf=2024-12-20",
                "overdue-n", "missing-marks?from=2024-12-16&to=2024-12-20",
                "dual-registration-conflicts?from=" + FROM + "&to=" + TO, "penalty-notices")) {
            open("/ui/las/" + laCode + "/" + page);
            assertThat(browser.findElements(By.cssSelector(".govuk-error-summary"))).as(page).isEmpty();
            assertThat(browser.findElement(By.id("csv")).getAttribute("href")).as(page).contains(".csv");
            screenshot("09-" + page.replaceAll("[?&=/]", "-"));
        }
        open("/ui/las/" + laCode + "/absence-lists/persistent?academicYear=2024-25&asOf=2024-12-20");
        assertThat(text()).contains(queued).contains(recordedFrom);
        open("/ui/las/" + laCode + "/absence-lists/persistent?academicYear=2024-25&asOf=2024-12-20&yearGroup=13");
        assertThat(text()).doesNotContain(queued).contains("0 pupils");
    }

    @Test
    void an_auditor_browses_the_feed_reads_reasons_and_verifies_the_log() throws IOException {
        awaitLogged();
        signIn(auditorKey);
        open("/ui/audit/events");
        assertThat(browser.findElements(By.cssSelector("#feed tbody tr"))).isNotEmpty();
        screenshot("10-event-feed");

        open("/ui/schools/" + urn + "/pupils/" + queued + "/sessions/2024-11-27/PM");
        assertThat(browser.findElement(By.id("amendment-chain")).getText())
                .contains("Parent said the child was unwell");
        screenshot("11-entry-history-for-an-auditor");

        open("/ui/audit/log");
        assertThat(browser.findElement(By.id("tree-head")).getText()).contains("Tree size");
        browser.findElement(By.id("verify")).click();
        wait.until(d -> !d.findElements(By.id("verification-result")).isEmpty());
        assertThat(browser.findElement(By.id("verification-result")).getText()).isEqualTo("OK");
        screenshot("12-signed-tree-head-and-verification");

        open("/ui/no-such-page");
        assertThat(errorCodes()).as(browser.getPageSource()).containsExactly("NOT_FOUND");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
    }

}
