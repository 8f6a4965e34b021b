package org.agencyworkspace.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A minimal browser for tests that sign in through real login pages: keeps cookies per host
 * (including Secure ones over plain http on loopback, which Keycloak sets and the JDK's cookie
 * manager would drop), follows redirects, and fills in forms with their hidden fields.
 */
public final class BrowserSession {

    private static final int MAX_REDIRECTS = 15;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();
    private final String acceptLanguage;

    /**
     * A page as the browser saw it.
     *
     * @param status final HTTP status
     * @param uri the final address after redirects
     * @param body the response body
     * @param headers the final response headers
     */
    public record Page(int status, URI uri, String body, Map<String, List<String>> headers) {

        public Document html() {
            return Jsoup.parse(body, uri.toString());
        }

        /** The first form matching the CSS selector. */
        public Element form(String selector) {
            Element form = html().selectFirst(selector);
            if (form == null) {
                throw new AssertionError("no form " + selector + " on " + uri + ":\n" + body);
            }
            return form;
        }
    }

    public BrowserSession() {
        this("en");
    }

    public BrowserSession(String acceptLanguage) {
        this.acceptLanguage = acceptLanguage;
    }

    /** GET, following redirects. */
    public Page get(URI uri) {
        return follow(request(uri).GET().build(), true);
    }

    /** GET without following redirects: to capture where a redirect points. */
    public Page getNoFollow(URI uri) {
        return follow(request(uri).GET().build(), false);
    }

    /** Submits {@code form} with its hidden and pre-filled fields plus {@code values}. */
    public Page submit(Page page, String formSelector, Map<String, String> values) {
        return submit(page, formSelector, values, true);
    }

    /**
     * Submits a form without following the redirect after it: to read where a login sends the
     * browser, such as a redirect carrying an authorization code.
     */
    public Page submitNoFollow(Page page, String formSelector, Map<String, String> values) {
        return submit(page, formSelector, values, false);
    }

    private Page submit(Page page, String formSelector, Map<String, String> values,
            boolean followRedirects) {
        Element form = page.form(formSelector);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (!"submit".equals(type) && !"checkbox".equals(type)) {
                fields.put(input.attr("name"), input.attr("value"));
            }
        }
        fields.putAll(values);
        URI action = URI.create(form.absUrl("action").isEmpty() ? page.uri().toString()
                : form.absUrl("action"));
        return follow(formPost(action, fields), followRedirects);
    }

    /** POSTs a form, following the redirects after it. */
    public Page post(URI uri, Map<String, String> fields) {
        return follow(formPost(uri, fields), true);
    }

    private HttpRequest formPost(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return request(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The first value of a response header of this page, or null. */
    public static String header(Page page, String name) {
        return page.headers().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
    }

    /**
     * Fetches {@code uri} as bytes (a PDF, an image) with this session's cookies, without
     * following redirects.
     */
    public HttpResponse<byte[]> download(URI uri) {
        try {
            return http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("request to " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Calls an API the way the workspace's pages do: with the CSRF token their {@code meta} tags
     * carry (read from {@code page}), this session's cookies and {@code Accept: application/json},
     * without following redirects.
     */
    public HttpResponse<String> sendWithCsrf(URI page, HttpRequest.Builder builder) {
        Document html = get(page).html();
        builder.header(html.selectFirst("meta[name=csrf-header]").attr("content"),
                html.selectFirst("meta[name=csrf-token]").attr("content"))
                .header("Accept", "application/json");
        return send(builder, builder.build().uri());
    }

    /** Sends any request with this session's cookies, without following redirects. */
    public HttpResponse<String> send(HttpRequest.Builder builder, URI uri) {
        return exchange(withCookies(builder, uri).build());
    }

    private Page follow(HttpRequest first, boolean followRedirects) {
        HttpRequest request = first;
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            HttpResponse<String> response = exchange(request);
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse(null);
            if (!followRedirects || status < 300 || status >= 400 || location == null) {
                return new Page(status, request.uri(), response.body(), response.headers().map());
            }
            request = request(request.uri().resolve(location)).GET().build();
        }
        throw new AssertionError("more than " + MAX_REDIRECTS + " redirects from " + first.uri());
    }

    private HttpRequest.Builder request(URI uri) {
        return withCookies(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept-Language", acceptLanguage)
                .header("Accept", "text/html,application/json;q=0.9,*/*;q=0.8"), uri);
    }

    private HttpRequest.Builder withCookies(HttpRequest.Builder builder, URI uri) {
        Map<String, String> jar = cookies.get(uri.getHost() + ":" + uri.getPort());
        if (jar != null && !jar.isEmpty()) {
            builder.setHeader("Cookie", jar.entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            keepCookies(request.uri(), response.headers().allValues("Set-Cookie"));
            return response;
        } catch (IOException e) {
            throw new AssertionError("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void keepCookies(URI uri, List<String> setCookies) {
        Map<String, String> jar = cookies.computeIfAbsent(uri.getHost() + ":" + uri.getPort(),
                key -> new ConcurrentHashMap<>());
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            boolean expired = setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")
                    || value.isEmpty();
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
