package org.amends.insight.reputation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.amends.contracts.insights.ReputationRiskRaised.Component;
import org.jspecify.annotations.Nullable;

/**
 * How much an open case threatens the brand's reputation, 0 to 100, as the sum of four explained components:
 *
 * <ul>
 *   <li>{@code channel}: 25 when the customer complained in public (the {@code SOCIAL} channel), else 0;
 *   <li>{@code audience}: 10 per tenfold above 100 followers ({@code 10·log10(audience/100)}), at most 30;
 *   <li>{@code sentiment}: {@code 25·(−sentiment)} for negative sentiment, at most 25;
 *   <li>{@code unresolved}: 2 per full hour since the case opened, at most 20.
 * </ul>
 */
public record ReputationScore(int score, List<Component> components) {

    public ReputationScore {
        components = List.copyOf(components);
    }

    public static ReputationScore of(
            @Nullable String channel, @Nullable Long audienceSize, double sentiment, Duration unresolved) {
        var social = "SOCIAL".equals(channel);
        var channelPoints = channelPoints(channel);
        var audiencePoints = audiencePoints(audienceSize);
        var sentimentPoints = sentimentPoints(sentiment);
        var hours = Math.max(0, unresolved.toHours());
        var unresolvedPoints = unresolvedPoints(unresolved);
        var components = List.of(
                new Component("channel", channelPoints, social ? "social channel" : "private channel"),
                new Component(
                        "audience",
                        audiencePoints,
                        audienceSize == null ? "no public audience" : "audience of " + audienceSize),
                new Component(
                        "sentiment", sentimentPoints, "sentiment " + String.format(Locale.ROOT, "%.2f", sentiment)),
                new Component("unresolved", unresolvedPoints, "unresolved for " + hours + " h"));
        return new ReputationScore(channelPoints + audiencePoints + sentimentPoints + unresolvedPoints, components);
    }

    /** The score alone, without its explained components: for deciding, on every case opened, whether to look closer. */
    public static int total(
            @Nullable String channel, @Nullable Long audienceSize, double sentiment, Duration unresolved) {
        return channelPoints(channel)
                + audiencePoints(audienceSize)
                + sentimentPoints(sentiment)
                + unresolvedPoints(unresolved);
    }

    private static int channelPoints(@Nullable String channel) {
        return "SOCIAL".equals(channel) ? 25 : 0;
    }

    private static int audiencePoints(@Nullable Long audienceSize) {
        var audience = audienceSize == null ? 0 : audienceSize;
        return audience <= 100 ? 0 : (int) Math.min(30, Math.floor(10 * Math.log10(audience / 100.0)));
    }

    private static int sentimentPoints(double sentiment) {
        return sentiment >= 0 ? 0 : (int) Math.min(25, Math.round(-sentiment * 25));
    }

    private static int unresolvedPoints(Duration unresolved) {
        return (int) Math.min(20, Math.max(0, unresolved.toHours()) * 2);
    }
}
