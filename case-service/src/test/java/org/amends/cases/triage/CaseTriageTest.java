package org.amends.cases.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.amends.cases.lifecycle.model.Channel;
import org.amends.cases.lifecycle.model.Complaint;
import org.amends.cases.lifecycle.model.Customer;
import org.amends.cases.lifecycle.model.ErrorKind;
import org.amends.cases.lifecycle.model.Impact;
import org.amends.cases.lifecycle.model.Severity;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseTriageTest {

    final CaseTriage triage = new CaseTriage();

    static Customer customer(@Nullable Long audience) {
        return new Customer("Ada", "ada@example.org", null, "en", null, audience);
    }

    static Complaint complaint(Impact impact, String summary, String description) {
        return new Complaint("Broadband", ErrorKind.CALCULATION, summary, description, impact, null);
    }

    @Nested
    class SeverityRules {

        @ParameterizedTest(name = "{0} via {1} with audience {2} -> {3}")
        @CsvSource({
            "LOW, WEB, , LOW",
            "MEDIUM, PHONE, , MEDIUM",
            "LOW, SOCIAL, , MEDIUM",
            "LOW, WEB, 9999, LOW",
            "LOW, WEB, 10000, MEDIUM",
            "LOW, WEB, 100000, HIGH",
            "LOW, SOCIAL, 100000, CRITICAL",
            "HIGH, SOCIAL, 250000, CRITICAL",
            "CRITICAL, WEB, , CRITICAL"
        })
        void severityStartsAtImpactAndRisesWithReach(
                Impact impact, Channel channel, @Nullable Long audience, Severity expected) {
            var result =
                    triage.assess(channel, customer(audience), complaint(impact, "Wrong bill", "Please check it."));

            assertThat(result.severity()).isEqualTo(expected);
            assertThat(result.reasons()).contains("impact " + impact);
        }

        @Test
        void aVeryAngryTextRaisesSeverityAndSaysWhy() {
            var result = triage.assess(
                    Channel.WEB,
                    customer(null),
                    complaint(
                            Impact.MEDIUM, "This is a scam", "I am furious, the worst service, totally unacceptable"));

            assertThat(result.severity()).isEqualTo(Severity.HIGH);
            assertThat(result.reasons()).anyMatch(r -> r.startsWith("very negative sentiment"));
        }
    }

    @Nested
    class Sentiment {

        final SentimentLexicon lexicon = new SentimentLexicon();

        @Test
        void angryEnglishIsNegativeAndNamesItsWords() {
            var estimate = lexicon.estimate("I am furious, this is a scam");

            assertThat(estimate.score()).isLessThan(-0.5).isGreaterThanOrEqualTo(-1);
            assertThat(estimate.negative()).containsExactly("furious", "scam");
        }

        @Test
        void angrySpanishIsNegativeEvenWithoutAccents() {
            var accented = lexicon.estimate("Estoy furioso, esto es una estafa pésima");
            var plain = lexicon.estimate("Estoy furioso, esto es una estafa pesima");

            assertThat(accented.score()).isLessThan(-0.5).isEqualTo(plain.score());
            assertThat(accented.negative()).containsExactly("furioso", "estafa", "pesima");
        }

        @Test
        void kindWordsArePositive() {
            assertThat(lexicon.estimate("Thanks, the agent was very helpful").score())
                    .isGreaterThan(0.3);
            assertThat(lexicon.estimate("Gracias, muy amable").score()).isGreaterThan(0.3);
        }

        @Test
        void negationFlipsTheNextSentimentWord() {
            var notHappy = lexicon.estimate("I am not happy");
            var noEstoyContento = lexicon.estimate("No estoy contento");

            assertThat(notHappy.score()).isNegative();
            assertThat(notHappy.negated()).containsExactly("happy");
            assertThat(noEstoyContento.score()).isNegative();
            assertThat(noEstoyContento.negated()).containsExactly("contento");
        }

        @Test
        void intensifiersMakeItStronger() {
            assertThat(lexicon.estimate("very bad").score())
                    .isLessThan(lexicon.estimate("bad").score());
            assertThat(lexicon.estimate("muy malo").score())
                    .isLessThan(lexicon.estimate("malo").score());
        }

        @Test
        void neutralTextScoresZeroAndTheScoreStaysInRange() {
            assertThat(lexicon.estimate("My invoice for March lists the fee twice")
                            .score())
                    .isZero();
            var rage = "furious ".repeat(200);
            assertThat(lexicon.estimate(rage).score()).isBetween(-1.0, -0.9);
        }

        @Test
        void triageReportsTheWordsBehindTheScore() {
            var result =
                    triage.assess(Channel.SOCIAL, customer(null), complaint(Impact.LOW, "Una estafa", "Estoy furiosa"));

            assertThat(result.sentiment()).isNegative();
            assertThat(result.reasons()).contains("negative words: estafa, furiosa");
        }
    }
}
