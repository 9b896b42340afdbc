package no.budstikke.delivery;

import java.util.Locale;

/**
 * Picks the route that sends a delivery: the channel's own, or the local sandbox, where every
 * office is a folder. The sandbox lets a newcomer see every notice the hub would send.
 */
public final class ChannelRouter {

    private final boolean sandbox;

    public ChannelRouter(boolean sandbox) {
        this.sandbox = sandbox;
    }

    /** The name after {@code direct:deliver-}. */
    public String route(Delivery delivery) {
        return sandbox ? "sandbox" : delivery.channel().name().toLowerCase(Locale.ROOT);
    }
}
