package org.agencyworkspace.files.editing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per file id while someone holds or waits for it, and none afterwards: the map holds
 * only files being worked on, so a host that has opened millions of files keeps no monitor for
 * each of them.
 */
final class FileMutexes {

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** Waits for the file's lock; close the answer to release it. */
    Held hold(String fileId) {
        Entry entry = entries.compute(fileId, (id, existing) -> {
            Entry held = existing == null ? new Entry() : existing;
            held.users++;
            return held;
        });
        entry.lock.lock();
        return () -> {
            entry.lock.unlock();
            entries.compute(fileId, (id, existing) -> --existing.users == 0 ? null : existing);
        };
    }

    /** How many files have a lock now; for tests. */
    int size() {
        return entries.size();
    }

    /** A held file lock. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        /** Holders and waiters; changed only inside {@code compute}, which serialises it. */
        int users;
    }
}
