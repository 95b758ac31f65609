package org.amends.testkit;

import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsCollector;

/**
 * Generated {@code Authorization} header values for comparing our checks of a header with Spring Security's: tokens
 * shaped as Keycloak's, near misses (wrong case, a missing or doubled space, characters after a valid token), control
 * and non-ASCII characters, lone surrogates and unassigned code points.
 */
public final class AuthorizationHeaders {

    private AuthorizationHeaders() {}

    /** Any header value, weighted towards the ones a check must decide on. */
    public static Arbitrary<String> values() {
        var anyText = text(60);
        var bearerJwts = jwts().map(jwt -> "Bearer " + jwt);
        return Arbitraries.frequencyOf(
                Tuple.of(4, bearerJwts),
                Tuple.of(3, anyText.map(text -> "Bearer " + text)),
                Tuple.of(1, anyText.map(text -> "bearer " + text)),
                Tuple.of(1, anyText.map(text -> "BEARER" + text)),
                Tuple.of(1, bearerJwts.flatMap(header -> text(3).map(extra -> header + extra))),
                Tuple.of(1, Arbitraries.of("Bearer", "Bearer ", "Bearer =", "Bearer a=b", "Basic dXNlcjpwYXNz", "")),
                Tuple.of(1, anyText),
                Tuple.of(1, printableUnicode()));
    }

    /**
     * Counts which way a check of {@code values()} went, for the property's coverage: {@code plain} when our own check
     * answered, else the first word of the answer it was compared on ({@code passed}, {@code rejected}, {@code token},
     * {@code error}, {@code none}).
     */
    private static StatisticsCollector countPath(boolean plain, String answer) {
        return Statistics.label("path").collect(plain ? "plain" : answer.split(" ", 2)[0]);
    }

    /**
     * Counts a firewall's answer ({@link #countPath}) and checks that both ways are taken often: plain values answered
     * by our check, and the rest, passed or rejected, by Spring's.
     */
    public static void checkFirewallPaths(boolean plain, String answer) {
        countPath(plain, answer).coverage(path -> {
            path.check("plain").percentage(share -> share > 30);
            path.check("passed").percentage(share -> share > 5);
            path.check("rejected").percentage(share -> share > 5);
        });
    }

    /**
     * Counts a bearer-token reader's answer ({@link #countPath}) and checks that both ways are taken often: plain
     * tokens read by our check, and Spring's errors.
     */
    public static void checkTokenPaths(boolean plain, String answer) {
        countPath(plain, answer).coverage(path -> {
            path.check("plain").percentage(share -> share > 30);
            path.check("error").percentage(share -> share > 10);
        });
    }

    /** Three base64url segments joined by dots, as Keycloak's signed tokens are, sometimes with padding. */
    public static Arbitrary<String> jwts() {
        var base64url = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withCharRange('0', '9')
                .withChars('-', '_')
                .ofMinLength(1)
                .ofMaxLength(400);
        return base64url
                .list()
                .ofSize(3)
                .map(parts -> String.join(".", parts))
                .flatMap(jwt -> Arbitraries.of("", "=", "==").map(padding -> jwt + padding));
    }

    /** Printable text beyond ASCII, which the firewall lets through: accents, CJK, a no-break space, an emoji's pair. */
    private static Arbitrary<String> printableUnicode() {
        return Arbitraries.of("a", "Z", " ", "é", "ñ", "中", "\u00a0", "\ud83d\ude00", "=")
                .list()
                .ofMinSize(1)
                .ofMaxSize(20)
                .map(parts -> String.join("", parts))
                .flatMap(text -> Arbitraries.of("", "Bearer ").map(prefix -> prefix + text));
    }

    /** Text weighted towards the characters the checks decide on, with any character now and then. */
    private static Arbitrary<String> text(int maxLength) {
        var tokenCharacters = Arbitraries.of('a', 'Z', '0', '9', '-', '.', '_', '~', '+', '/', '=');
        var edges = Arbitraries.of(
                ' ', '\t', '\r', '\n', '\u0000', '\u001f', '\u007f', '\u0085', '\u00a0', 'é', 'ñ', '\u0378', '\u2028',
                '\ud800', '\udc00', '\ufffe', '\uffff', '|', '"', ',', ';');
        var anyCharacter = Arbitraries.chars();
        return Arbitraries.frequencyOf(Tuple.of(6, tokenCharacters), Tuple.of(3, edges), Tuple.of(1, anyCharacter))
                .list()
                .ofMaxSize(maxLength)
                .map(characters -> characters.stream().map(String::valueOf).collect(Collectors.joining()));
    }
}
