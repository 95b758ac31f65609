package org.amends.remedies.model;

/** What a remedy is, and which channel fulfils it. */
public enum RemedyType {
    APOLOGY(Channel.DIRECT),
    REFUND(Channel.PARTNER),
    CREDIT(Channel.LEDGER),
    REPLACEMENT(Channel.PARTNER),
    EXPEDITE(Channel.DIRECT),
    FEE_WAIVER(Channel.LEDGER),
    GOODWILL(Channel.DIRECT);

    private final Channel channel;

    RemedyType(Channel channel) {
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }
}
