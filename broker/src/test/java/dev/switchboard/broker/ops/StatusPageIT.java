package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.delivery.FailedAttempts;
import dev.switchboard.triggers.model.ResourceId;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page (docs/operations.md {@code GET /}) in a real headless Chromium: what an operator sees for a Ready
 * trigger and for triggers that are not (with their reasons), the counters, and that a refresh shows new
 * numbers without a reload, and a failing trigger's last delivery failure. Leaves screenshots in
 * {@code broker/target/status-page.png} and {@code status-page-failure.png} (the one in {@code docs/images/}).
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} ({@code .ci/run} installs them). Skipped
 * when they are missing, unless {@code CI} is set: on CI it must run.
 */
class StatusPageIT {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @TempDir
    Path profile;

    private OpsFixture ops;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        String ci = System.getenv("CI");
        Assumptions.assumeTrue(
                present || (ci != null && !ci.isBlank()),
                "chromium/chromedriver not installed (apt-get install chromium chromium-driver); CI unset");
        ops = new OpsFixture(TriggerControl.unavailable("no dispatcher in this test"));
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=1500,1100",
                        "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (ops != null) {
            ops.close();
        }
    }

    private String cell(String kind, String id, String field) {
        return text(By.cssSelector("tr[data-" + kind + "='" + id + "'] [data-field='" + field + "']"));
    }

    private String pill(String kind, String id) {
        return text(By.cssSelector("tr[data-" + kind + "='" + id + "'] [data-field='ready'] .pill"));
    }

    /**
     * The text of an element, found again when the page re-rendered it between finding and reading (it redraws its
     * tables every two seconds).
     */
    private String text(By selector) {
        StaleElementReferenceException last = null;
        for (int tries = 0; tries < 10; tries++) {
            try {
                return browser.findElement(selector).getText();
            } catch (StaleElementReferenceException e) {
                last = e;
            }
        }
        throw last;
    }

    @Test
    void showsReadinessReasonsAndCountersAndRefreshesThem() throws Exception {
        ops.ingress("team", "default", 202, 40);
        ops.ingress("team", "default", 400, 2);
        ops.attempts("team", "orders", "delivered", 37);
        ops.attempts("team", "orders", "retry", 4);
        ops.attempts("team", "orders", "failed", 1);
        ops.deadLetters("team", "orders", "sink", 1);
        ops.lagGauges("team", "orders", new AtomicReference<>(3.0), new AtomicReference<>(0.8));
        for (int i = 1; i <= 50; i++) {
            ops.dispatch("team", "default", "orders", 200, Duration.ofMillis(5 + i));
        }

        browser.get(ops.url("/"));

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                        cell("trigger", "team/orders", "delivered"))
                .isEqualTo("37"));
        assertThat(browser.getTitle()).isEqualTo("Switchboard status");
        assertThat(pill("trigger", "team/orders")).isEqualTo("Ready");
        assertThat(cell("trigger", "team/orders", "reason")).isEqualTo("Ready");
        assertThat(cell("trigger", "team/orders", "failed")).isEqualTo("1");
        assertThat(cell("trigger", "team/orders", "deadLettered")).isEqualTo("1");
        assertThat(cell("trigger", "team/orders", "lag")).isEqualTo("3");
        assertThat(cell("trigger", "team/orders", "oldest")).isEqualTo("800 ms");
        assertThat(cell("trigger", "team/orders", "latency")).contains(" ms / ");
        assertThat(pill("trigger", "team/audit")).isEqualTo("Not ready");
        assertThat(cell("trigger", "team/audit", "reason"))
                .startsWith("BrokerDoesNotExist: ")
                .contains("team/missing");
        assertThat(pill("trigger", "team/billing")).isEqualTo("Not ready");
        assertThat(cell("trigger", "team/billing", "reason")).startsWith("SubscriberNotResolved: ");
        assertThat(pill("broker", "team/default")).isEqualTo("Ready");
        assertThat(cell("broker", "team/default", "accepted")).isEqualTo("40");
        assertThat(cell("broker", "team/default", "rejected")).isEqualTo("2");
        assertThat(text(By.id("errors"))).contains("trigger team/audit", "BrokerDoesNotExist", "trigger team/billing");
        assertThat(text(By.id("generation"))).isEqualTo("1");

        ops.ingress("team", "default", 202, 60);
        ops.attempts("team", "orders", "delivered", 63);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(cell("trigger", "team/orders", "delivered")).isEqualTo("100");
            assertThat(cell("broker", "team/default", "accepted")).isEqualTo("100");
            assertThat(text(By.id("delivery-rate"))).doesNotStartWith("–").doesNotStartWith("0");
        });
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        Files.createDirectories(target);
        Files.write(target.resolve("status-page.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void showsTheLastDeliveryFailureOfATriggerAndListsItAmongTheLastErrors() throws Exception {
        ResourceId orders = ResourceId.parse("team/orders");
        URI subscriber = URI.create("http://127.0.0.1:8081/orders");
        ops.ingress("team", "default", 202, 1200);
        ops.attempts("team", "orders", "delivered", 1130);
        ops.attempts("team", "orders", "retry", 61);
        ops.attempts("team", "orders", "failed", 3);
        ops.deadLetters("team", "orders", "sink", 3);
        ops.lagGauges("team", "orders", new AtomicReference<>(67.0), new AtomicReference<>(42.0));
        for (int i = 1; i <= 200; i++) {
            ops.dispatch("team", "default", "orders", i % 20 == 0 ? 503 : 200, Duration.ofMillis(8 + i % 40));
        }
        FailedAttempts.delivered(ops.failures, orders, subscriber);
        FailedAttempts.unanswered(ops.failures, orders, subscriber, "transport error: Connection refused");
        FailedAttempts.answered(ops.failures, orders, subscriber, 503, "{\"error\":\"database unavailable\"}");
        FailedAttempts.answered(ops.failures, orders, subscriber, 503, "{\"error\":\"database unavailable\"}");
        browser.manage().window().setSize(new Dimension(1800, 1150)); // every column in the screenshot

        browser.get(ops.url("/"));

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                        cell("trigger", "team/orders", "lastFailureStatus"))
                .isEqualTo("503"));
        assertThat(cell("trigger", "team/orders", "lastFailureMessage"))
                .isEqualTo("status 503: {\"error\":\"database unavailable\"}");
        assertThat(cell("trigger", "team/audit", "lastFailure")).isEqualTo("none");
        String errors = text(By.id("errors"));
        assertThat(errors)
                .contains("delivery · trigger team/orders")
                .contains(subscriber + " → 503 at ")
                .contains("database unavailable")
                .contains("3 failed attempts since")
                .contains("trigger team/audit", "BrokerDoesNotExist");
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        Files.createDirectories(target);
        Files.write(target.resolve("status-page-failure.png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
