package org.amends.remedies.fulfilment.webhook;

/** A webhook URL that could reach into internal networks, or is not a URL we deliver to. */
class UnsafeWebhookUrlException extends RuntimeException {

    UnsafeWebhookUrlException(String message) {
        super(message);
    }
}
