package org.amends.cases.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Estimates the sentiment of a customer's text in English or Spanish from weighted word lists, so that every score can
 * be explained by the words that produced it. A negation flips the next sentiment word within three words; an
 * intensifier multiplies it by 1.5. The sum is squashed into [-1, 1] as VADER does: {@code s / sqrt(s² + 15)}.
 */
final class SentimentLexicon {

    /** The estimate and the words it rests on. */
    record Estimate(double score, List<String> negative, List<String> positive, List<String> negated) {}

    private static final Pattern WORDS = Pattern.compile("[^\\p{L}']+");
    private static final double ALPHA = 15;

    private static final Map<String, Double> WEIGHTS = Map.ofEntries(
            // English, negative
            Map.entry("angry", -2.5),
            Map.entry("furious", -3.0),
            Map.entry("outraged", -3.0),
            Map.entry("terrible", -2.5),
            Map.entry("awful", -2.5),
            Map.entry("horrible", -2.5),
            Map.entry("worst", -3.0),
            Map.entry("bad", -1.5),
            Map.entry("wrong", -1.0),
            Map.entry("disappointed", -2.0),
            Map.entry("unacceptable", -2.5),
            Map.entry("scam", -3.0),
            Map.entry("fraud", -3.0),
            Map.entry("ridiculous", -2.0),
            Map.entry("useless", -2.0),
            Map.entry("upset", -2.0),
            Map.entry("frustrated", -2.0),
            Map.entry("annoyed", -1.5),
            Map.entry("broken", -1.5),
            Map.entry("hate", -3.0),
            Map.entry("rude", -2.0),
            Map.entry("lost", -1.0),
            Map.entry("overcharged", -2.0),
            Map.entry("late", -1.0),
            // English, positive
            Map.entry("good", 1.5),
            Map.entry("great", 2.5),
            Map.entry("happy", 2.0),
            Map.entry("thanks", 1.5),
            Map.entry("thank", 1.5),
            Map.entry("excellent", 3.0),
            Map.entry("helpful", 2.0),
            Map.entry("love", 2.5),
            Map.entry("satisfied", 2.0),
            Map.entry("kind", 1.5),
            Map.entry("fine", 1.0),
            // Spanish, negative (accents are stripped before lookup)
            Map.entry("enfadado", -2.5),
            Map.entry("enojado", -2.5),
            Map.entry("furioso", -3.0),
            Map.entry("furiosa", -3.0),
            Map.entry("indignado", -2.5),
            Map.entry("indignada", -2.5),
            Map.entry("pesimo", -3.0),
            Map.entry("pesima", -3.0),
            Map.entry("malo", -1.5),
            Map.entry("mala", -1.5),
            Map.entry("mal", -1.5),
            Map.entry("estafa", -3.0),
            Map.entry("fraude", -3.0),
            Map.entry("inaceptable", -2.5),
            Map.entry("decepcionado", -2.0),
            Map.entry("decepcionada", -2.0),
            Map.entry("vergonzoso", -2.5),
            Map.entry("verguenza", -2.5),
            Map.entry("harto", -2.0),
            Map.entry("harta", -2.0),
            Map.entry("inutil", -2.0),
            Map.entry("odio", -3.0),
            Map.entry("error", -0.5),
            Map.entry("tarde", -1.0),
            // Spanish, positive
            Map.entry("bueno", 1.5),
            Map.entry("buena", 1.5),
            Map.entry("bien", 1.0),
            Map.entry("gracias", 1.5),
            Map.entry("excelente", 3.0),
            Map.entry("contento", 2.0),
            Map.entry("contenta", 2.0),
            Map.entry("genial", 2.5),
            Map.entry("amable", 1.5),
            Map.entry("satisfecho", 2.0),
            Map.entry("satisfecha", 2.0));

    private static final Set<String> NEGATIONS = Set.of(
            "not", "no", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "won't", "cannot", "can't", "never",
            "nunca", "jamas", "tampoco", "ni", "nada", "sin");

    private static final Set<String> INTENSIFIERS = Set.of(
            "very",
            "really",
            "extremely",
            "so",
            "totally",
            "absolutely",
            "completely",
            "muy",
            "realmente",
            "totalmente",
            "extremadamente",
            "super",
            "tan",
            "completamente");

    private static final int NEGATION_REACH = 3;

    Estimate estimate(String text) {
        var tokens = tokens(text);
        var negative = new LinkedHashSet<String>();
        var positive = new LinkedHashSet<String>();
        var negated = new LinkedHashSet<String>();
        double sum = 0;
        int negationLeft = 0;
        double boost = 1;
        for (var token : tokens) {
            if (NEGATIONS.contains(token)) {
                negationLeft = NEGATION_REACH;
                continue;
            }
            if (INTENSIFIERS.contains(token)) {
                boost = 1.5;
                continue;
            }
            var weight = WEIGHTS.get(token);
            if (weight == null) {
                negationLeft = Math.max(0, negationLeft - 1);
                continue;
            }
            var value = weight * boost;
            if (negationLeft > 0) {
                // "not happy" is mildly negative, "not bad" mildly positive: flip and damp, as VADER does.
                value = -value * 0.75;
                negated.add(token);
                negationLeft = 0;
            }
            if (value < 0) {
                negative.add(token);
            } else {
                positive.add(token);
            }
            sum += value;
            boost = 1;
        }
        var score = sum / Math.sqrt(sum * sum + ALPHA);
        return new Estimate(
                Math.round(score * 1000) / 1000.0, List.copyOf(negative), List.copyOf(positive), List.copyOf(negated));
    }

    private static List<String> tokens(String text) {
        var plain = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace('’', '\'');
        var tokens = new ArrayList<String>();
        for (var token : WORDS.split(plain)) {
            if (!token.isBlank()) {
                tokens.add(token);
            }
        }
        return tokens;
    }
}
