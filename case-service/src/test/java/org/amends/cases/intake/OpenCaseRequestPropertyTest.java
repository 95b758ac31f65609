package org.amends.cases.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.model.Channel;
import org.amends.cases.lifecycle.model.SubmitterKind;
import org.amends.cases.security.Party;
import org.jspecify.annotations.Nullable;

/**
 * Intake validation over generated bodies, valid and hostile alike: it either names every broken field or yields a
 * case that keeps every field rule; it never fails any other way, and never turns a valid body away.
 */
class OpenCaseRequestPropertyTest {

    static final Set<String> FIELDS = Set.of(
            "channel",
            "customer",
            "customer.name",
            "customer.email",
            "customer.phone",
            "customer.locale",
            "customer.socialHandle",
            "customer.audienceSize",
            "product",
            "errorKind",
            "summary",
            "description",
            "impact",
            "orderReference");

    static final Party PARTNER = new Party("acme-partner", SubmitterKind.PARTNER, Set.of("partner"));
    static final Party AGENT = new Party("agent1", SubmitterKind.AGENT, Set.of("agent"));

    @Property(tries = 1000)
    void eitherEveryBrokenRuleIsNamedOrTheCaseKeepsEveryRule(
            @ForAll("anyRequest") OpenCaseRequest request, @ForAll boolean byPartner) {
        var party = byPartner ? PARTNER : AGENT;
        OpenCaseRequest.OpenCase accepted;
        try {
            accepted = request.validate(party);
        } catch (InvalidRequestException refused) {
            assertThat(refused.violations()).isNotEmpty();
            assertThat(refused.violations())
                    .allSatisfy(violation -> assertThat(FIELDS).contains(violation.field()));
            return;
        }
        assertThat(List.of(
                        accepted.customer().name(),
                        accepted.complaint().product(),
                        accepted.complaint().summary(),
                        accepted.complaint().description()))
                .noneMatch(text -> text.indexOf('\u0000') >= 0);
        var customer = accepted.customer();
        assertThat(customer.name()).isNotBlank().hasSizeLessThanOrEqualTo(OpenCaseRequest.NAME_MAX);
        assertThat(customer.name()).isEqualTo(customer.name().strip());
        assertThat(customer.email() != null || customer.phone() != null).isTrue();
        assertThat(customer.locale()).isIn("en", "es");
        if (customer.audienceSize() != null) {
            assertThat(customer.audienceSize()).isNotNegative();
        }
        var complaint = accepted.complaint();
        assertThat(complaint.product()).isNotBlank().hasSizeLessThanOrEqualTo(OpenCaseRequest.PRODUCT_MAX);
        assertThat(complaint.summary()).isNotBlank().hasSizeLessThanOrEqualTo(OpenCaseRequest.SUMMARY_MAX);
        assertThat(complaint.description()).isNotBlank().hasSizeLessThanOrEqualTo(OpenCaseRequest.DESCRIPTION_MAX);
        if (!byPartner) {
            assertThat(request.channel()).isNotBlank();
        } else if (request.channel() == null || request.channel().isBlank()) {
            assertThat(accepted.channel()).isEqualTo(Channel.PARTNER);
        }
    }

    @Property(tries = 500)
    void aValidBodyIsAlwaysTakenAndKeptAsSentLessSurroundingSpace(
            @ForAll("validRequest") OpenCaseRequest request, @ForAll boolean byPartner) {
        var accepted = request.validate(byPartner ? PARTNER : AGENT);

        assertThat(accepted.customer().name())
                .isEqualTo(request.customer().name().strip());
        assertThat(accepted.complaint().summary()).isEqualTo(request.summary().strip());
        assertThat(accepted.complaint().description())
                .isEqualTo(request.description().strip());
        assertThat(accepted.complaint().product()).isEqualTo(request.product().strip());
    }

    @Provide
    Arbitrary<OpenCaseRequest> anyRequest() {
        var customer = Combinators.combine(
                        text(names(), OpenCaseRequest.NAME_MAX),
                        text(emails(), OpenCaseRequest.EMAIL_MAX),
                        text(phones(), OpenCaseRequest.PHONE_MAX),
                        text(Arbitraries.of("en", "es", "EN", "fr"), 5),
                        text(names(), OpenCaseRequest.SOCIAL_HANDLE_MAX),
                        Arbitraries.longs().between(-5, Long.MAX_VALUE).injectNull(0.3))
                .as(OpenCaseRequest.CustomerRequest::new)
                .injectNull(0.05);
        return Combinators.combine(
                        text(enumNames("PHONE", "EMAIL", "WEB", "CHAT", "PARTNER", "SOCIAL", "fax"), 10),
                        customer,
                        text(names(), OpenCaseRequest.PRODUCT_MAX),
                        text(enumNames("CONCEPT", "CALCULATION", "MEASUREMENT", "APPRECIATION", "EXECUTION"), 20),
                        text(names(), OpenCaseRequest.SUMMARY_MAX),
                        text(names(), OpenCaseRequest.DESCRIPTION_MAX),
                        text(enumNames("LOW", "MEDIUM", "HIGH", "CRITICAL"), 10),
                        text(names(), OpenCaseRequest.ORDER_REFERENCE_MAX))
                .as(OpenCaseRequest::new);
    }

    @Provide
    Arbitrary<OpenCaseRequest> validRequest() {
        var customer = Combinators.combine(
                        names(),
                        emails(),
                        phones().injectNull(0.5),
                        Arbitraries.of("en", "es", "ES"),
                        names().injectNull(0.5),
                        Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.5))
                .as(OpenCaseRequest.CustomerRequest::new);
        return Combinators.combine(
                        Arbitraries.of("PHONE", "web", " chat "),
                        customer,
                        names(),
                        Arbitraries.of("CONCEPT", "calculation", "EXECUTION"),
                        names(),
                        names(),
                        Arbitraries.of("LOW", "medium", "HIGH"),
                        names().injectNull(0.5))
                .as(OpenCaseRequest::new);
    }

    /** Mostly the field's plausible values, sometimes anything at all: blank, control characters, one too long. */
    private static Arbitrary<@Nullable String> text(Arbitrary<String> plausible, int max) {
        return Arbitraries.frequencyOf(
                        Tuple.of(6, plausible),
                        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                        Tuple.of(1, Arbitraries.of("", " ", "\t\n", "\u0000", "'; DROP TABLE cases; --")),
                        Tuple.of(
                                1,
                                Arbitraries.strings()
                                        .alpha()
                                        .ofMinLength(max + 1)
                                        .ofMaxLength(max + 3)))
                .injectNull(0.1);
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars('Ñ', 'é', ' ', '\'', '{', '}', '<', '$')
                .ofMinLength(1)
                .ofMaxLength(60)
                .filter(value -> !value.isBlank())
                .map(value -> " " + value + " ");
    }

    private static Arbitrary<String> emails() {
        return Combinators.combine(
                        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20),
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
                        Arbitraries.of("com", "org", "es"))
                .as((local, domain, tld) -> local + "@" + domain + "." + tld);
    }

    private static Arbitrary<String> phones() {
        return Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(15).map(digits -> "+" + digits);
    }

    private static Arbitrary<String> enumNames(String... names) {
        return Arbitraries.of(names).map(name -> name.length() % 2 == 0 ? name.toLowerCase() : name);
    }
}
