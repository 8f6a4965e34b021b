package org.agencyworkspace.connector.signing;

import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import java.net.URI;
import java.util.Objects;

/** An RFC 3161 time-stamp authority reached over HTTP (application/timestamp-query). */
public final class TimestampAuthority {

    private final URI url;

    public TimestampAuthority(URI url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    public URI url() {
        return url;
    }

    TSPSource source() {
        return new OnlineTSPSource(url.toString());
    }
}
