package org.amends.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class RateLimitPropertiesTest {

    private final RateLimitProperties properties = new RateLimitProperties(
            200,
            400,
            Duration.ofMillis(250),
            Duration.ofMillis(50),
            Map.of("globex-partner", new RateLimitProperties.Limit(5, 10)),
            new RateLimitProperties.Limit(20, 60),
            List.of());

    @Test
    void aClientWithAnOverrideGetsItsOwnBudget() {
        assertThat(properties.limitFor("globex-partner")).isEqualTo(new RateLimitProperties.Limit(5, 10));
    }

    @Test
    void everyOtherClientGetsTheDefaultBudget() {
        assertThat(properties.limitFor("acme-partner")).isEqualTo(new RateLimitProperties.Limit(200, 400));
    }

    @Test
    void aBurstSmallerThanTheRateIsRefusedAtStartUp() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitProperties.Limit(10, 5));
    }

    @Test
    void aLeaseIsTheBudgetOfItsDurationAtMostAQuarterOfTheBurstAndNeverLessThanOneToken() {
        var lease = Duration.ofMillis(50);

        assertThat(new RateLimitProperties.Limit(200, 400).leaseTokens(lease)).isEqualTo(10);
        assertThat(new RateLimitProperties.Limit(100, 100).leaseTokens(Duration.ofSeconds(1)))
                .as("a quarter of the burst")
                .isEqualTo(25);
        assertThat(new RateLimitProperties.Limit(20, 60).leaseTokens(lease))
                .as("too small a budget to lease")
                .isEqualTo(1);
        assertThat(new RateLimitProperties.Limit(200, 400).leaseTokens(Duration.ZERO))
                .as("leases off")
                .isEqualTo(1);
    }

    @Test
    void aNegativeLeaseIsRefusedAtStartUp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(
                        200, 400, Duration.ofMillis(250), Duration.ofMillis(-1), Map.of(), null, List.of()));
    }

    @Test
    void aPartnersBudgetIsKeyedByItsClientIdAndAUsersByUsername() {
        var partner = token(Map.of(
                "azp",
                "acme-partner",
                "preferred_username",
                "service-account-acme-partner",
                "realm_access",
                Map.of("roles", List.of("partner"))));
        var agent = token(Map.of(
                "azp",
                "amends-portal",
                "preferred_username",
                "agent1",
                "realm_access",
                Map.of("roles", List.of("agent"))));

        assertThat(ClientRateLimitGatewayFilterFactory.clientOf(partner)).isEqualTo("acme-partner");
        assertThat(ClientRateLimitGatewayFilterFactory.clientOf(agent)).isEqualTo("agent1");
    }

    @Test
    void anEmptyBucketIsRetriedAfterTheTimeOneTokenTakesToComeBack() {
        var empty = new ClientRateLimitGatewayFilterFactory.Allowance(false, 0);

        assertThat(ClientRateLimitGatewayFilterFactory.retryAfterSeconds(empty, new RateLimitProperties.Limit(1, 2)))
                .isEqualTo(1);
        assertThat(ClientRateLimitGatewayFilterFactory.retryAfterSeconds(
                        empty, new RateLimitProperties.Limit(200, 400)))
                .isEqualTo(1);
    }

    private static JwtAuthenticationToken token(Map<String, Object> claims) {
        var jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("subject-1")
                .claims(all -> all.putAll(claims))
                .build();
        return new JwtAuthenticationToken(jwt);
    }
}
