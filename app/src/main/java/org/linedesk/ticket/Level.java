package org.linedesk.ticket;

/** Impact or urgency: 1 high, 2 medium, 3 low (the ITIL scale). */
public enum Level {
    HIGH(1), MEDIUM(2), LOW(3);

    private final int rank;

    Level(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
