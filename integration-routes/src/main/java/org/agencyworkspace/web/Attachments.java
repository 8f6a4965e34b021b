package org.agencyworkspace.web;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Exports (CSV, XLSX, PDF records) as file downloads. */
public final class Attachments {

    private Attachments() {
    }

    /**
     * The bytes as a download named {@code name}; never cached (exports carry personal data and
     * are made for the person who asked).
     */
    public static ResponseEntity<byte[]> download(byte[] content, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(content);
    }
}
