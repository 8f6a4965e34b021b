package org.agencyworkspace.connector.elasticsearch;

import java.util.List;

/**
 * What a bulk {@code create} did with each document, in the order sent.
 *
 * @param items one outcome per document
 */
public record BulkResult(List<Item> items) {

    public BulkResult {
        items = List.copyOf(items);
    }

    /** What happened to one document. */
    public enum Outcome {
        /** Indexed now. */
        CREATED,
        /** A document with this id was already there (an earlier send): nothing to do. */
        ALREADY_EXISTS,
        /** Refused for good (mapping conflict, malformed value): it needs a person. */
        REJECTED,
        /** Refused for now (queue full, shard unavailable): send it again later. */
        RETRY
    }

    /**
     * @param id the document id
     * @param outcome what happened
     * @param status the item's HTTP status
     * @param reason Elasticsearch's error type and reason, for rejected and retried items
     */
    public record Item(String id, Outcome outcome, int status, String reason) {
    }

    /**
     * How many leading documents are settled (stored, already there, or refused for good): the
     * sender may move past those; from the first {@link Outcome#RETRY} on it must send again.
     */
    public int settled() {
        int settled = 0;
        while (settled < items.size() && items.get(settled).outcome() != Outcome.RETRY) {
            settled++;
        }
        return settled;
    }

    /** Positions of the refused-for-good documents among the first {@code settled} ones. */
    public List<Integer> rejected(int settled) {
        return java.util.stream.IntStream.range(0, settled)
                .filter(index -> items.get(index).outcome() == Outcome.REJECTED).boxed().toList();
    }

    public long count(Outcome outcome) {
        return items.stream().filter(item -> item.outcome() == outcome).count();
    }

    /** Created or already there: the document is in the index. */
    public boolean allStored() {
        return items.stream().allMatch(item -> item.outcome() == Outcome.CREATED
                || item.outcome() == Outcome.ALREADY_EXISTS);
    }
}
