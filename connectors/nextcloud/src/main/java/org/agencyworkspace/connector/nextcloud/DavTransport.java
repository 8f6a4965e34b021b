package org.agencyworkspace.connector.nextcloud;

import com.github.sardine.impl.SardineImpl;
import com.github.sardine.impl.io.HttpMethodReleaseInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.UriSanitizer;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.util.EntityUtils;

/**
 * The one place WebDAV requests are sent: Sardine's client (pooled connections, credentials
 * sent up front) with every answer's status checked here, so each status means the same thing
 * for every call. Sardine's own convenience methods are not used for writes because they drop
 * caller headers on some verbs ({@code delete(url, headers)} ignores them in 5.13).
 */
final class DavTransport extends SardineImpl {

    private static final int MAX_SERVER_MESSAGE = 300;

    /** Reads a successful answer; the entity is consumed and released afterwards. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(HttpResponse response) throws IOException;
    }

    DavTransport(URI davUrl, String username, String password, Duration connectTimeout,
            Duration requestTimeout) {
        // No automatic retries: routes decide, and a streamed body cannot be sent twice.
        super(HttpClientBuilder.create().disableAutomaticRetries()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout((int) connectTimeout.toMillis())
                        .setConnectionRequestTimeout((int) connectTimeout.toMillis())
                        .setSocketTimeout((int) requestTimeout.toMillis())
                        .build()),
                username, password);
        try {
            // The URL form keeps the port; the host-name form only covers ports 80 and 443.
            enablePreemptiveAuthentication(davUrl.toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException("davUrl is not a URL: " + davUrl, e);
        }
    }

    /**
     * Sends {@code request}; a 2xx answer, or one {@code alsoAccepted} allows, goes to
     * {@code reader}, any other status becomes the exception {@link #failure} names.
     */
    <T> T send(HttpRequestBase request, IntPredicate alsoAccepted, AnswerReader<T> reader) {
        try {
            return execute(request, response -> {
                int status = response.getStatusLine().getStatusCode();
                if (!isSuccess(status) && !alsoAccepted.test(status)) {
                    throw failure(request, status, serverMessage(response));
                }
                return reader.read(response);
            });
        } catch (IOException e) {
            throw unreachable(request, e);
        }
    }

    /** Like {@link #send} for 2xx only, when nothing but the status matters. */
    int send(HttpRequestBase request) {
        return send(request, status -> false, response -> response.getStatusLine().getStatusCode());
    }

    /**
     * Sends {@code request} and hands back the open answer of a 2xx status with its body as a
     * stream that aborts the connection when closed before its end.
     */
    OpenAnswer open(HttpRequestBase request) {
        HttpResponse response;
        try {
            response = execute(request);
        } catch (IOException e) {
            throw unreachable(request, e);
        }
        int status = response.getStatusLine().getStatusCode();
        if (!isSuccess(status)) {
            String message = serverMessage(response);
            request.abort();
            throw failure(request, status, message);
        }
        try {
            return new OpenAnswer(response, new HttpMethodReleaseInputStream(response));
        } catch (IOException e) {
            request.abort();
            throw unreachable(request, e);
        }
    }

    /** An answer whose body is still to be read. */
    record OpenAnswer(HttpResponse response, InputStream body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(response.getFirstHeader(name)).map(h -> h.getValue());
        }
    }

    /**
     * The exception for an error status: 404, 409, 412, 423 and 507 have their own types;
     * 5xx and 429 are transient; every other status is permanent (401 and 403 included: the
     * credentials or the account's rights are wrong, repeating cannot help).
     */
    static ConnectorException failure(HttpRequestBase request, int status, String message) {
        String uri = UriSanitizer.sanitize(request.getURI());
        String method = request.getMethod();
        return switch (status) {
            case 404 -> new NotFoundException(method + ": not found", status, uri, message);
            case 409 -> new ParentMissingException(method + ": parent folder missing", status, uri,
                    message);
            case 412 -> new PreconditionFailedException(method + ": precondition failed", status,
                    uri, message);
            case 423 -> new LockedException(method + ": locked", status, uri, message);
            case 507 -> new InsufficientStorageException(method + ": insufficient storage",
                    status, uri, message);
            default -> status >= 500 || status == 429
                    ? new TransientConnectorException(SardineNextcloudConnector.NAME,
                            method + " failed", status, uri, message, null)
                    : new PermanentConnectorException(SardineNextcloudConnector.NAME,
                            method + (status == 401 || status == 403
                                    ? " refused: login, app password or rights" : " refused"),
                            status, uri, message, null);
        };
    }

    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static RuntimeException unreachable(HttpRequestBase request, IOException e) {
        RuntimeException contentFault = ContentStream.contentFault(e);
        if (contentFault != null) {
            return contentFault;
        }
        return new TransientConnectorException(SardineNextcloudConnector.NAME,
                "cannot reach WebDAV server", 0, UriSanitizer.sanitize(request.getURI()),
                e.getClass().getSimpleName(), e);
    }

    /** The start of an error body (Sabre's {@code <s:message>} or an HTML page), one line. */
    private static String serverMessage(HttpResponse response) {
        if (response.getEntity() == null) {
            return response.getStatusLine().getReasonPhrase();
        }
        try (InputStream body = response.getEntity().getContent()) {
            String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            int message = text.indexOf(":message>");
            if (message >= 0) {
                int end = text.indexOf("</", message);
                int start = message + ":message>".length();
                text = text.substring(start, end < 0 ? text.length() : end);
            }
            String oneLine = text.replaceAll("<[^>]*>", " ").strip().replaceAll("\\s+", " ");
            if (oneLine.isEmpty()) {
                return response.getStatusLine().getReasonPhrase();
            }
            return oneLine.length() <= MAX_SERVER_MESSAGE ? oneLine
                    : oneLine.substring(0, MAX_SERVER_MESSAGE) + "…";
        } catch (IOException e) {
            return response.getStatusLine().getReasonPhrase();
        } finally {
            EntityUtils.consumeQuietly(response.getEntity());
        }
    }
}
