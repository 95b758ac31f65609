package org.amends.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CorrelationIdTest {

    @Test
    void aWellFormedIdIsKept() {
        assertThat(CorrelationId.acceptOrMint("partner.call-42_A")).isEqualTo("partner.call-42_A");
    }

    @Test
    void anIdOfSixtyFourCharactersIsKeptAndOneLongerIsReplaced() {
        assertThat(CorrelationId.acceptOrMint("a".repeat(64))).isEqualTo("a".repeat(64));
        assertThat(CorrelationId.acceptOrMint("a".repeat(65))).isNotEqualTo("a".repeat(65));
    }

    @Test
    void anIdWithCharactersThatCouldForgeLogLinesIsReplacedByAUuid() {
        var minted = CorrelationId.acceptOrMint("abc\nINFO forged");

        assertThat(UUID.fromString(minted)).isNotNull();
    }

    @Test
    void aMissingOrEmptyIdIsMinted() {
        assertThat(UUID.fromString(CorrelationId.acceptOrMint(null))).isNotNull();
        assertThat(UUID.fromString(CorrelationId.acceptOrMint(""))).isNotNull();
    }
}
