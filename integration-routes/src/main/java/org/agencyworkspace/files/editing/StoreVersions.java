package org.agencyworkspace.files.editing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;

/**
 * Versions to write on top of. Saves are conditional (If-Match), and If-Match compares strongly:
 * a weak ETag never matches. Apache's WebDAV hands out a weak one for a file changed within the
 * last second (Nextcloud's are always strong), so a save right after another waits, briefly, for
 * the store to settle on a strong one.
 */
final class StoreVersions {

    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final long POLL_NANOS = Duration.ofMillis(100).toNanos();

    private StoreVersions() {
    }

    /** The file with a strong ETag, or as it is once {@link #SETTLE} has passed. */
    static Optional<StoredFile> settled(FileStore store, FilePath path) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Optional<StoredFile> file = store.stat(path);
        while (file.isPresent() && isWeak(file.get().etag()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
            file = store.stat(path);
        }
        return file;
    }

    /** Whether two ETags name the same version, by RFC 9110's weak comparison. */
    static boolean sameVersion(String one, String other) {
        return one != null && other != null && strip(one).equals(strip(other));
    }

    private static boolean isWeak(String etag) {
        return etag != null && etag.startsWith("W/");
    }

    private static String strip(String etag) {
        return isWeak(etag) ? etag.substring(2) : etag;
    }
}
