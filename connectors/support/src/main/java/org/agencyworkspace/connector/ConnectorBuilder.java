package org.agencyworkspace.connector;

import java.net.URI;
import java.time.Duration;

/**
 * What every connector builder shares: the two timeouts and the checks that name a missing or
 * malformed setting, so a misconfigured connector fails when it is built, not on first use.
 *
 * @param <B> the concrete builder, returned by the fluent setters
 */
public abstract class ConnectorBuilder<B extends ConnectorBuilder<B>> {

    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration requestTimeout;

    protected ConnectorBuilder(Duration defaultRequestTimeout) {
        this.requestTimeout = defaultRequestTimeout;
    }

    /** How long to wait for a connection; 3 seconds unless set. */
    public B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return self();
    }

    /** How long to wait for an answer once connected. */
    public B requestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        return self();
    }

    protected Duration connectTimeout() {
        return connectTimeout;
    }

    protected Duration requestTimeout() {
        return requestTimeout;
    }

    /** Checks both timeouts are set and positive. */
    protected void checkTimeouts() {
        for (Duration timeout : new Duration[] {connectTimeout, requestTimeout}) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalStateException("timeouts required and positive");
            }
        }
    }

    /** {@code uri} itself, once it is known to be an absolute http(s) address with a host. */
    protected static URI requireHttpUrl(URI uri, String name) {
        if (uri == null) {
            throw new IllegalStateException(name + " required");
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalStateException(name + " must be an absolute http(s) URL: " + uri);
        }
        return uri;
    }

    /** {@code value} itself, once it is known not to be blank. */
    protected static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " required");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
