package org.agencyworkspace.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its chromium-driver (both installed by {@code stack up
 * browser}, which also fetches axe-core): one window of a given size with its own download
 * folder, and an accessibility check of the page shown with axe-core, injected into it.
 */
final class Chromium implements AutoCloseable {

    /** A phone (390×844, an iPhone 12–14's viewport) and a desktop window. */
    enum Size {
        PHONE(390, 844), DESKTOP(1366, 900);

        final int width;
        final int height;

        Size(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    /** One axe-core finding: the rule, its impact, the page and where on it. */
    record Violation(String page, String rule, String impact, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + rule + " on " + page + " at " + targets;
        }
    }

    private static String axeSource;

    final ChromeDriver driver;
    final Size size;
    final Path downloads;

    Chromium(Size size, Path downloads) {
        this.size = size;
        this.downloads = downloads;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(StackEnvironment.require("WORKSPACE_CHROMIUM"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-gpu", "--window-size=" + size.width + "," + size.height);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(StackEnvironment.require("WORKSPACE_CHROMEDRIVER")).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        // --window-size sizes the window; the viewport (what pages lay out for) is what matters.
        Object inner = driver.executeScript("return [window.innerWidth, window.innerHeight];");
        List<?> viewport = (List<?>) inner;
        int dw = size.width - ((Number) viewport.get(0)).intValue();
        int dh = size.height - ((Number) viewport.get(1)).intValue();
        if (dw != 0 || dh != 0) {
            Dimension window = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(window.width + dw, window.height + dh));
        }
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Submits by clicking the form's submit button, as a person would, and waits for the new page. */
    void submit(String formCss) {
        Object before = driver.executeScript("return document.documentElement;");
        clickSubmit(formCss);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try {
                        return !before.equals(driver.executeScript("return document.documentElement;"))
                                && "complete".equals(driver.executeScript("return document.readyState;"));
                    } catch (RuntimeException stale) {
                        return false;
                    }
                });
    }

    /** Clicks the form's submit button without waiting for a page (the answer may be a download). */
    void clickSubmit(String formCss) {
        WebElement button = find(formCss).findElement(By.cssSelector("button[type=submit], button:not([type])"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'});", button);
        button.click();
    }

    /** Waits until the browser shows the page at {@code path}. */
    void waitForPath(String path) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> path().equals(path)
                        && "complete".equals(driver.executeScript("return document.readyState;")));
    }

    /** The file that the last action downloaded, waited for (Chromium writes .crdownload first). */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.isRegularFile(file) && noneInProgress());
        return file;
    }

    private boolean noneInProgress() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.noneMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        }
    }

    /**
     * Runs axe-core on the page shown and returns its serious and critical violations (WCAG 2.0,
     * 2.1 A and AA rules and axe's best practices).
     */
    List<Violation> accessibilityViolations() {
        driver.executeScript(axe());
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
                  .then(r => done(r.violations.map(v => ({rule: v.id, impact: v.impact,
                      targets: v.nodes.map(n => n.target.join(' '))}))))
                  .catch(e => done([{rule: 'axe-error', impact: 'critical', targets: [String(e)]}]));
                """);
        String page = driver.getCurrentUrl().replaceFirst("^https?://[^/]+", "") + " ["
                + driver.executeScript("return document.documentElement.lang;") + ", " + size + "]";
        List<Violation> found = new ArrayList<>();
        for (Object item : (List<?>) result) {
            Map<?, ?> violation = (Map<?, ?>) item;
            String impact = String.valueOf(violation.get("impact"));
            Violation seen = new Violation(page, String.valueOf(violation.get("rule")), impact,
                    ((List<?>) violation.get("targets")).stream().map(String::valueOf).toList());
            if (impact.equals("serious") || impact.equals("critical")) {
                found.add(seen);
            } else {
                System.out.println("axe (" + impact + ", not a failure): " + seen);
            }
        }
        return found;
    }

    private static synchronized String axe() {
        if (axeSource == null) {
            try {
                axeSource = Files.readString(Path.of(StackEnvironment.require("WORKSPACE_AXE_JS")),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read axe-core; run: bin/workspace stack up browser", e);
            }
        }
        return axeSource;
    }

    /**
     * Writes a picture of the page to {@code docs/images/<name>.png} when the build runs with
     * {@code -Dscreenshots.write=true} (so an ordinary test run leaves the checkout alone).
     */
    Optional<Path> screenshot(String name) {
        if (!Boolean.getBoolean("screenshots.write")) {
            return Optional.empty();
        }
        try {
            Path file = StackEnvironment.repositoryRoot().resolve("docs/images/" + name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
