package org.amends.remedies.fulfilment.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The webhook signer and verifier over any id, time and body: what is signed verifies, alone or among other
 * signatures; any change to the id, the time, the body or the secret does not; and no header makes the verifier throw.
 */
class WebhookSignaturePropertyTest {

    @Property(tries = 500)
    void whatIsSignedVerifiesAloneAndAmongOthers(
            @ForAll("secrets") String secret,
            @ForAll String id,
            @ForAll @LongRange(min = 0, max = 10_000_000_000L) long timestamp,
            @ForAll String body,
            @ForAll("headers") String other) {
        var signature = WebhookSignature.sign(secret, id, timestamp, body);

        assertThat(signature).startsWith("v1,");
        assertThat(WebhookSignature.verify(secret, id, timestamp, body, signature))
                .isTrue();
        assertThat(WebhookSignature.verify(secret, id, timestamp, body, other + " " + signature))
                .isTrue();
    }

    @Property(tries = 500)
    void anyChangeBreaksTheSignature(
            @ForAll("secrets") String secret,
            @ForAll("secrets") String otherSecret,
            @ForAll String id,
            @ForAll @LongRange(min = 0, max = 10_000_000_000L) long timestamp,
            @ForAll String body,
            @ForAll String tamperedBody) {
        Assume.that(!body.equals(tamperedBody));
        var signature = WebhookSignature.sign(secret, id, timestamp, body);

        assertThat(WebhookSignature.verify(secret, id, timestamp, tamperedBody, signature))
                .isFalse();
        assertThat(WebhookSignature.verify(secret, id + "x", timestamp, body, signature))
                .isFalse();
        assertThat(WebhookSignature.verify(secret, id, timestamp + 1, body, signature))
                .isFalse();
        assertThat(WebhookSignature.verify(otherSecret, id, timestamp, body, signature))
                .isFalse();
    }

    @Property(tries = 1000)
    void anyHeaderIsAnsweredWithoutThrowing(
            @ForAll("secrets") String secret, @ForAll String body, @ForAll("headers") String header) {
        var right = WebhookSignature.sign(secret, "msg_1", 1_700_000_000L, body);
        Assume.that(!header.contains(right));

        assertThat(WebhookSignature.verify(secret, "msg_1", 1_700_000_000L, body, header))
                .isFalse();
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.create(WebhookSignature::newSecret);
    }

    /** Garbage, near misses and other schemes. */
    @Provide
    Arbitrary<String> headers() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(100),
                Arbitraries.strings().withCharRange('A', 'z').ofLength(44).map(b64 -> "v1," + b64),
                Arbitraries.of("", " ", "v1,", "v1a,abc", "v1, v1,", "\u0000"));
    }
}
