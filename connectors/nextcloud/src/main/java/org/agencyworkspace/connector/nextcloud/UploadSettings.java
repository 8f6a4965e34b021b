package org.agencyworkspace.connector.nextcloud;

/**
 * When uploads use Nextcloud's chunked upload (v2) and how large the chunks are.
 *
 * @param enabled false for servers without chunked upload (plain WebDAV such as Apache
 *     {@code mod_dav}): every upload is one streamed {@code PUT}
 * @param threshold content larger than this many bytes goes in chunks
 * @param chunkSize bytes per chunk, the last one excepted; raised for very large files so that
 *     no upload needs more than {@link #MAX_CHUNKS}
 */
record UploadSettings(boolean enabled, long threshold, long chunkSize) {

    /** Nextcloud numbers chunks 1 to 10000. */
    static final int MAX_CHUNKS = 10_000;

    static final long MEBIBYTE = 1024 * 1024;

    /** 10 MiB chunks above 10 MiB, as Nextcloud's web client uploads. */
    static final UploadSettings DEFAULT = new UploadSettings(true, 10 * MEBIBYTE, 10 * MEBIBYTE);

    static final UploadSettings PLAIN_ONLY = new UploadSettings(false, Long.MAX_VALUE,
            Long.MAX_VALUE);

    UploadSettings {
        if (enabled && (threshold < 0 || chunkSize < 1 || chunkSize > Integer.MAX_VALUE)) {
            throw new IllegalStateException("chunked upload needs a threshold of at least 0 and"
                    + " a chunk size from 1 byte to 2 GiB: " + threshold + ", " + chunkSize);
        }
    }

    /** The chunk size for {@code length} bytes: the configured one unless that needs too many. */
    long chunkSizeFor(long length) {
        return Math.max(chunkSize, (length + MAX_CHUNKS - 1) / MAX_CHUNKS);
    }
}
