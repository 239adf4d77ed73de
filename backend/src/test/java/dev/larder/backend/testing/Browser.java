package dev.larder.backend.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for page tests, driven through chromedriver (Selenium), acting as a person would: open a
 * URL, read the visible text, click, fill in, go back, take a screenshot.
 *
 * <p>It runs Debian's {@code chromium} and {@code chromium-driver} packages ({@value #DEFAULT_CHROMIUM},
 * {@value #DEFAULT_CHROMEDRIVER}; {@code .ci/run} installs them when missing), named explicitly, so Selenium Manager
 * is never asked for a driver or a browser and nothing is ever downloaded. Missing binaries fail the test with the
 * {@code apt-get} command to run; page tests are never skipped silently. Each {@link #open()} starts its own browser
 * with a fresh, empty profile (no cookies or storage carried between tests) that {@link #close()} deletes; a start
 * takes 0.6 to 1.3 s on two cores (the first in a JVM 1.4 to 2.5 s), so there is no shared browser to keep clean.
 *
 * <p>Chromium runs with background networking, component updates and sync off, and resolves only
 * {@link #REACHABLE_HOSTS} (loopback): it talks to nothing but the pages a test sends it to, and makes no DNS query.
 *
 * <pre>{@code
 * try (Browser browser = Browser.open()) {
 *     browser.go(url).clickButton("Reveal");
 *     assertThat(browser.text()).contains("…");
 * }
 * }</pre>
 *
 * Or let JUnit hand a test its browser and keep a screenshot of the page when the test fails:
 * {@code @ExtendWith(Browser.PerTest.class)} and a {@code Browser} parameter.
 */
public final class Browser implements AutoCloseable {

    public static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";
    public static final String DEFAULT_CHROMEDRIVER = "/usr/bin/chromedriver";
    public static final String INSTALL = "apt-get install -y chromium chromium-driver";
    /** Where {@link #screenshot(String)} and {@link PerTest} put pictures (relative to the module: backend/target). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** chromedriver's own log, appended by every browser of the run. */
    public static final Path DRIVER_LOG = Path.of("target", "browser", "chromedriver.log");
    /** How long to wait for an element to appear or a page to finish loading. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * The only hosts the browser resolves. Every other name (and address) fails at once with
     * {@code ERR_NAME_NOT_RESOLVED} and no DNS query: even with background networking off, Chromium looks up
     * accounts.google.com, update.googleapis.com, clients2.google.com and its default search engine at every start.
     */
    public static final List<String> REACHABLE_HOSTS = List.of("localhost", "127.0.0.1", "::1");

    /** The flags Chromium needs here as root, with no display and a closed network. */
    static final List<String> FLAGS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--host-resolver-rules=MAP * ~NOTFOUND"
                    + REACHABLE_HOSTS.stream().map(h -> ", EXCLUDE " + h).collect(Collectors.joining()),
            "--window-size=1280,900", "--lang=en-US");

    /**
     * Held so the level sticks (JUL keeps loggers weakly). Selenium warns at every start that it ships no Chrome
     * DevTools Protocol classes for this Chromium version; this helper drives the browser through WebDriver only and
     * never uses CDP, so that warning is noise in the test log.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private static final String BUTTONS = "button, input[type=submit], input[type=button], [role=button]";

    private final ChromeDriver driver;
    private final Path profile;
    private final long startMillis;

    private Browser(ChromeDriver driver, Path profile, long startMillis) {
        this.driver = driver;
        this.profile = profile;
        this.startMillis = startMillis;
    }

    /** Starts one headless Chromium with a fresh profile. Close it (try-with-resources). */
    public static Browser open() {
        installIfMissing();
        Path chromium = executable("larder.browser.chromium", DEFAULT_CHROMIUM, "Chromium");
        Path chromedriver = executable("larder.browser.chromedriver", DEFAULT_CHROMEDRIVER, "chromedriver");
        // Both the property and the service name the driver: Selenium Manager is skipped when either is set.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.toString());
        long begin = System.nanoTime();
        Path profile = createProfile();
        ChromeDriver driver = null;
        try {
            Files.createDirectories(DRIVER_LOG.getParent());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .withLogFile(DRIVER_LOG.toFile())
                    .withAppendLog(true)
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments(FLAGS);
            options.addArguments("--user-data-dir=" + profile);
            options.setPageLoadTimeout(Duration.ofSeconds(30));
            options.setScriptTimeout(WAIT);
            driver = new ChromeDriver(service, options);
            long millis = (System.nanoTime() - begin) / 1_000_000;
            System.out.printf("Browser: %s (%s) started in %d ms%n", driver.getCapabilities().getBrowserVersion(),
                    chromium, millis);
            return new Browser(driver, profile, millis);
        } catch (IOException e) {
            ChildProcesses.deleteTree(profile, "Browser");
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            if (driver != null) {
                driver.quit();
            }
            ChildProcesses.deleteTree(profile, "Browser");
            throw new IllegalStateException("Could not start headless Chromium (" + chromium + ") through "
                    + chromedriver + "; see " + DRIVER_LOG.toAbsolutePath() + ". If the packages are missing or"
                    + " their versions differ, run as root: " + INSTALL, e);
        }
    }

    /**
     * On a fresh machine of ours (root, apt-get) the browser is installed from Debian's packages by the project's own
     * script, so the README's test command works without a manual step.
     */
    private static synchronized void installIfMissing() {
        if (Files.isExecutable(Path.of(DEFAULT_CHROMIUM)) && Files.isExecutable(Path.of(DEFAULT_CHROMEDRIVER))) {
            return;
        }
        Path script = Path.of("..", "deploy", "local", "install-browser");
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(script)) {
            return;
        }
        try {
            Process install = new ProcessBuilder(script.toString()).inheritIO().start();
            if (!install.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
                install.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens {@code url} and waits until the page has loaded. */
    public Browser go(String url) {
        driver.get(url);
        awaitLoaded();
        return this;
    }

    /** The browser's Back button. */
    public Browser back() {
        driver.navigate().back();
        awaitLoaded();
        return this;
    }

    /** The page's visible text, as a person sees it (hidden elements and markup left out). */
    public String text() {
        awaitLoaded();
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The visible text of the first element matching {@code cssSelector}, once one is visible. */
    public String text(String cssSelector) {
        return visible(cssSelector).getText();
    }

    public String title() {
        awaitLoaded();
        return driver.getTitle();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Clicks the first element matching {@code cssSelector} once it is clickable; waits for a page it opens. */
    public Browser click(String cssSelector) {
        try {
            wait(WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(cssSelector))).click();
        } catch (TimeoutException e) {
            throw new AssertionError("Nothing clickable matches '" + cssSelector + "' on " + url(), e);
        }
        awaitLoaded();
        return this;
    }

    /**
     * Clicks the visible button (a {@code <button>}, a submit or button {@code <input>}, or {@code role=button})
     * whose text is {@code visibleText} (whitespace normalised); waits for a page it opens.
     */
    public Browser clickButton(String visibleText) {
        String wanted = normalise(visibleText);
        WebElement button;
        try {
            button = wait(WAIT).until(d -> buttons().filter(b -> wanted.equals(label(b))).findFirst().orElse(null));
        } catch (TimeoutException e) {
            String seen = buttons().map(Browser::label).map(l -> "'" + l + "'").collect(Collectors.joining(", "));
            throw new AssertionError("No button '" + visibleText + "' on " + url() + "; visible buttons: ["
                    + seen + "]", e);
        }
        button.click();
        awaitLoaded();
        return this;
    }

    /** Types {@code value} into the field matching {@code cssSelector}, replacing what it held. */
    public Browser fill(String cssSelector, String value) {
        WebElement field = visible(cssSelector);
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Saves a PNG of the viewport to {@code png} (its folder is created) and answers that path. */
    public Path screenshot(Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        return screenshot(SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png"));
    }

    /** How long this browser took to start (chromedriver and Chromium, until the first command could be sent). */
    public long startMillis() {
        return startMillis;
    }

    /** Escape hatch for what this class does not wrap yet. */
    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            ChildProcesses.deleteTree(profile, "Browser");
        }
    }

    private WebElement visible(String cssSelector) {
        try {
            return wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cssSelector)));
        } catch (TimeoutException e) {
            throw new AssertionError("Nothing visible matches '" + cssSelector + "' on " + url(), e);
        }
    }

    private Stream<WebElement> buttons() {
        return driver.findElements(By.cssSelector(BUTTONS)).stream().filter(WebElement::isDisplayed);
    }

    private static String label(WebElement button) {
        String text = normalise(button.getText());
        return text.isEmpty() ? normalise(Optional.ofNullable(button.getDomProperty("value")).orElse("")) : text;
    }

    private static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private void awaitLoaded() {
        wait(WAIT).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    }

    private static Path executable(String property, String fallback, String what) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IllegalStateException(what + " is not installed at " + path + ": page tests drive Debian's"
                    + " headless Chromium through chromedriver. Install both as root with: " + INSTALL
                    + " (.ci/run does this when they are missing)");
        }
        return path;
    }

    private static Path createProfile() {
        try {
            return Files.createTempDirectory("larder-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JUnit 5: gives a test method a fresh {@link Browser} parameter, saves a screenshot of its page to
     * {@code target/screenshots/<TestClass>.<method>.png} when the test fails, and closes it afterwards.
     */
    public static final class PerTest implements ParameterResolver, AfterTestExecutionCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PerTest.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Browser.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // The store closes it (AutoCloseable) when the test method's context ends.
            return context.getStore(NAMESPACE).computeIfAbsent(Browser.class, k -> Browser.open(), Browser.class);
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            Browser browser = context.getStore(NAMESPACE).get(Browser.class, Browser.class);
            if (browser != null && context.getExecutionException().isPresent()) {
                String name = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName();
                Path png = browser.screenshot(name.replaceAll("\\(.*", ""));
                System.out.println("Browser: the page at failure is in " + png.toAbsolutePath());
            }
        }
    }
}
