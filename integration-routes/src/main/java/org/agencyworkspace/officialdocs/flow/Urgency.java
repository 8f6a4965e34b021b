package org.agencyworkspace.officialdocs.flow;

/** 速別: how fast the document must be handled (working days from the day after receipt). */
public enum Urgency {
    MOST_URGENT("最速件", 1),
    URGENT("速件", 3),
    NORMAL("普通件", 6);

    private final String nameZh;
    private final int days;

    Urgency(String nameZh, int days) {
        this.nameZh = nameZh;
        this.days = days;
    }

    public String nameZh() {
        return nameZh;
    }

    /** The handling time limit in working days. */
    public int days() {
        return days;
    }
}
