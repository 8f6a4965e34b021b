package org.agencyworkspace.connector.signing;

import java.util.Map;

/**
 * An accepted exchange package: its metadata, the signed document, the attachments by file name,
 * and the validation of its signature.
 */
public record ReceivedPackage(ExchangeMetadata metadata, byte[] document, Map<String, byte[]> attachments,
        ValidationReport validation) {

    public ReceivedPackage {
        attachments = Map.copyOf(attachments);
    }
}
