package org.amends.remedies.fulfilment.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // The worked example of the Standard Webhooks specification (and its reference libraries' tests).
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330;
    static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signsLikeTheStandardWebhooksReference() {
        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void verifiesOneOfSeveralSignaturesAndRefusesATamperedBody() {
        var header = "v1,bm9wZQ== " + WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);

        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, header)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY + " ", header))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP + 1, BODY, header))
                .isFalse();
    }

    @Test
    void newSecretsAreRandomAndPrefixed() {
        var one = WebhookSignature.newSecret();

        assertThat(one).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(one);
    }
}
