package org.agencyworkspace.officialdocs.exchange;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgements;
import org.agencyworkspace.connector.signing.ExchangePackageReader;
import org.agencyworkspace.connector.signing.ExchangePackager;

/**
 * What the exchange is built from, once: the agency's key, the packager, the reader of received
 * packages, acknowledgements, one mutual-TLS client per HTTPS recipient, and where packages live.
 */
record ExchangeSetup(String agency, ExchangeSeal seal, ExchangePackager packager, ExchangePackageReader reader,
        ExchangeAcknowledgements acknowledgements, ExchangeLevels levels, Map<String, HttpClient> clients,
        Path folder) {

    Path outgoing(String dispatchId) {
        return folder.resolve("outgoing").resolve(dispatchId + ".asice");
    }

    Path acknowledgement(String kind, long id) {
        return folder.resolve(kind).resolve(id + ".ack.asice");
    }
}
