package org.agencyworkspace.connector.push;

/** How soon the device should wake up for a message (RFC 8030 §5.3). */
public enum Urgency {
    VERY_LOW("very-low"), LOW("low"), NORMAL("normal"), HIGH("high");

    private final String header;

    Urgency(String header) {
        this.header = header;
    }

    /** The value of the {@code Urgency} header. */
    public String header() {
        return header;
    }
}
