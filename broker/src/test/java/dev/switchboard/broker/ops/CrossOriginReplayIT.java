package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Cross-site request forgery against the ops API (docs/operations.md), in a real headless Chromium: a page of another origin
 * (another port of 127.0.0.1, as a page an operator has open would be) fires {@code fetch} POSTs in {@code no-cors}
 * mode at replay and redrive and submits a {@code text/plain} form whose body is the replay JSON — the requests a
 * browser does send cross-origin without asking. The ops server refuses each with 403 and the dispatcher is never
 * called; the same replay sent without an {@code Origin} (the CLI) is accepted, so the refusal is the origin check.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, as {@link StatusPageIT}; skipped when they
 * are missing unless {@code CI} is set.
 */
class CrossOriginReplayIT {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @TempDir
    Path profile;

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private OpsFixture ops;
    private HttpServer attacker;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        String ci = System.getenv("CI");
        Assumptions.assumeTrue(
                present || (ci != null && !ci.isBlank()),
                "chromium/chromedriver not installed (apt-get install chromium chromium-driver); CI unset");
        ops = new OpsFixture(new TriggerControl() {
            @Override
            public Future<Void> replay(ResourceId trigger, Instant from) {
                calls.add("replay " + trigger);
                return Future.succeededFuture();
            }

            @Override
            public Future<Integer> redrive(ResourceId trigger) {
                calls.add("redrive " + trigger);
                return Future.succeededFuture(0);
            }
        });
        String replay = ops.url("/api/v1/namespaces/team/triggers/orders/replay");
        String redrive = ops.url("/api/v1/namespaces/team/triggers/orders/redrive");
        String page = """
                <!doctype html><html><head><title>cat pictures</title></head><body>
                <form id="f" method="POST" enctype="text/plain" action="%s">
                  <input type="hidden" name='{"from": "2025-01-31T12:00:00Z", "x": "' value='"}'>
                </form>
                <script>
                  const shots = [
                    fetch("%s", {method: "POST", mode: "no-cors"}),
                    fetch("%s", {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"},
                                 body: '{"from": "2025-01-31T12:00:00Z"}'}),
                    fetch("%s", {method: "POST", mode: "no-cors", credentials: "include",
                                 headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: "a=b"})
                  ];
                  Promise.allSettled(shots).then(() => document.getElementById("f").submit());
                </script></body></html>
                """.formatted(replay, redrive, replay, replay);
        attacker = ops.vertx
                .createHttpServer()
                .requestHandler(request -> request.response()
                        .putHeader("Content-Type", "text/html; charset=utf-8")
                        .end(page))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
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

    @Test
    void aPageOfAnotherOriginCannotReplayOrRedrive() throws Exception {
        browser.get("http://127.0.0.1:" + attacker.actualPort() + "/");

        // the form's navigation lands on the ops server's answer: the request arrived and was refused
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                        browser.findElement(By.tagName("body")).getText())
                .contains("cross-origin requests may not change triggers"));
        assertThat(browser.getCurrentUrl()).startsWith(ops.url("/api/v1/"));
        assertThat(calls).as("the dispatcher was never asked").isEmpty();

        var accepted =
                ops.post("/api/v1/namespaces/team/triggers/orders/replay", "{\"from\": \"2025-01-31T12:00:00Z\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(calls).containsExactly("replay team/orders");
    }
}
