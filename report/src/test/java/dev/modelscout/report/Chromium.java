package dev.modelscout.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real browser for the report tests: headless Chromium (Debian's {@code chromium}, or {@code $CHROMIUM}) opens a
 * page from a file, lets it run for a virtual-time budget, and gives back the DOM it ended with, a screenshot, and
 * every request the page itself made (from Chromium's own net log, so a request the page's CSP did not catch shows
 * too). The browser's own background traffic (update and account checks) is sent to a closed loopback port and
 * its host names resolve nowhere, so nothing leaves the machine; it is told apart from the page's by its
 * initiator and left out.
 */
public final class Chromium {

    /** Virtual milliseconds the page runs before the DOM is taken: ample for vega-embed's asynchronous drawing. */
    static final int BUDGET_MS = 15000;

    private final Path executable;

    private Chromium(Path executable) {
        this.executable = executable;
    }

    /** Chromium, when installed: {@code $CHROMIUM}, else chromium, chromium-browser or google-chrome on the PATH. */
    public static Optional<Chromium> find() {
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Optional.of(new Chromium(Path.of(env)));
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(new Chromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What the browser made of a page.
     *
     * @param dom          the serialised DOM after the budget
     * @param pageRequests URLs the page requested from the network (scheme other than file, data, blob, about)
     * @param screenshot   the screenshot, or null when none was asked for
     */
    public record Result(String dom, List<String> pageRequests, Path screenshot) {

        /** The start tag of the element with {@code id} (attributes as the browser serialised them). */
        public String tag(String id) {
            Matcher m = Pattern.compile("<[a-zA-Z]+\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(dom);
            if (!m.find()) {
                throw new AssertionError("no element with id '" + id + "' in the DOM");
            }
            return m.group();
        }

        /** Attribute {@code name} of the element with {@code id}, or null when it has none. */
        public String attribute(String id, String name) {
            return attributeOf(tag(id), name);
        }

        /** Attribute {@code name} of the root element, or null. */
        public String rootAttribute(String name) {
            Matcher m = Pattern.compile("<html\\b[^>]*>").matcher(dom);
            return m.find() ? attributeOf(m.group(), name) : null;
        }

        /** The data-marks of chart {@code id}: mark name (without "_marks") -> items drawn. */
        public Map<String, Integer> marks(String id) {
            String json = attribute(id, "data-marks");
            if (json == null) {
                throw new AssertionError("chart " + id + " has no data-marks: " + tag(id));
            }
            Map<String, Integer> out = new HashMap<>();
            try {
                new ObjectMapper().readTree(json).fields().forEachRemaining(e ->
                        out.put(e.getKey().replaceFirst("_marks$", ""), e.getValue().asInt()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }

        /** Items drawn of mark {@code name} in chart {@code id} (0 when the chart has no such mark). */
        public long mark(String id, String name) {
            return marks(id).getOrDefault(name, 0);
        }

        /** The ids of every chart of the page (elements with a data-chart attribute). */
        public List<String> charts() {
            List<String> ids = new ArrayList<>();
            Matcher m = Pattern.compile("<div\\b[^>]*\\bdata-chart=\"([^\"]+)\"").matcher(dom);
            while (m.find()) {
                ids.add(m.group(1));
            }
            return ids;
        }

        private static String attributeOf(String tag, String name) {
            Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag);
            return m.find() ? m.group(1).replace("&quot;", "\"").replace("&amp;", "&") : null;
        }
    }

    /**
     * Opens {@code page} (with {@code fragment} after '#', or none), takes its DOM and the page's requests, and
     * when {@code screenshot} is not null a screenshot of {@code width} x {@code height} CSS pixels to it.
     */
    public Result open(Path page, String fragment, Path screenshot, int width, int height) throws IOException {
        Path work = Files.createTempDirectory("chromium-");
        try {
            String url = page.toAbsolutePath().toUri() + (fragment == null ? "" : "#" + fragment);
            Path netLog = work.resolve("net-log.json");
            Path dom = work.resolve("dom.html");
            run(work, List.of("--log-net-log=" + netLog, "--dump-dom", url), dom);
            List<String> requests = pageRequests(netLog);
            if (screenshot != null) {
                run(work, List.of("--window-size=" + width + "," + height, "--screenshot=" + screenshot.toAbsolutePath(),
                        url), work.resolve("screenshot.out"));
                if (!Files.isRegularFile(screenshot)) {
                    throw new AssertionError("chromium wrote no screenshot " + screenshot);
                }
            }
            return new Result(Files.readString(dom, StandardCharsets.UTF_8), requests, screenshot);
        } finally {
            deleteTree(work);
        }
    }

    private void run(Path work, List<String> args, Path stdout) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-sync", "--disable-background-networking", "--disable-component-update",
                "--disable-default-apps", "--metrics-recording-only", "--no-pings",
                "--disable-features=AsyncDns,DnsOverHttps,Translate,OptimizationHints,MediaRouter",
                "--proxy-server=socks5://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + work.resolve("profile"),
                "--virtual-time-budget=" + BUDGET_MS));
        cmd.addAll(args);
        Path err = work.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 120 s: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited " + p.exitValue() + ": " + tail(err));
        }
    }

    /**
     * The page's own requests in a net log: URL_REQUEST_START_JOB events whose initiator is an origin (the page's,
     * "null" for a file) rather than the browser ("not an origin"), for any scheme that reaches the network.
     */
    static List<String> pageRequests(Path netLog) throws IOException {
        if (!Files.isRegularFile(netLog)) {
            throw new AssertionError("chromium wrote no net log " + netLog);
        }
        String text = Files.readString(netLog, StandardCharsets.UTF_8).strip();
        if (!text.endsWith("}")) {
            // Chromium may be stopped before it closes the events array; close it so that it parses.
            text = text.replaceAll(",\\s*$", "") + "]}";
        }
        JsonNode log = new ObjectMapper().readTree(text);
        Map<Integer, String> types = new HashMap<>();
        log.get("constants").get("logEventTypes").fields().forEachRemaining(e -> types.put(e.getValue().asInt(), e.getKey()));
        List<String> out = new ArrayList<>();
        for (JsonNode e : log.get("events")) {
            if (!"URL_REQUEST_START_JOB".equals(types.get(e.path("type").asInt()))) {
                continue;
            }
            JsonNode params = e.path("params");
            String url = params.path("url").asText("");
            String initiator = params.path("initiator").asText("");
            String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
            if (url.isEmpty() || "not an origin".equals(initiator) || List.of("file", "data", "blob", "about").contains(scheme)) {
                continue;
            }
            out.add(url);
        }
        return out;
    }

    private static String tail(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        String s = Files.readString(file, StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
