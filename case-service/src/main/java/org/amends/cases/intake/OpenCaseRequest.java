package org.amends.cases.intake;

import java.util.Locale;
import java.util.regex.Pattern;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.model.Channel;
import org.amends.cases.lifecycle.model.Complaint;
import org.amends.cases.lifecycle.model.Customer;
import org.amends.cases.lifecycle.model.ErrorKind;
import org.amends.cases.lifecycle.model.Impact;
import org.amends.cases.security.Party;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/cases} as received: every field may be missing or wrong until {@link #validate} says
 * otherwise. Its JSON form is also what an idempotency key's request hash is taken over.
 */
public record OpenCaseRequest(
        @Nullable String channel,
        @Nullable CustomerRequest customer,
        @Nullable String product,
        @Nullable String errorKind,
        @Nullable String summary,
        @Nullable String description,
        @Nullable String impact,
        @Nullable String orderReference) {

    /** The customer part of the body. */
    public record CustomerRequest(
            @Nullable String name,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String locale,
            @Nullable String socialHandle,
            @Nullable Long audienceSize) {}

    /** A request that passed every field rule, with defaults applied. */
    record OpenCase(Channel channel, Customer customer, Complaint complaint) {}

    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 320;
    public static final int PHONE_MAX = 40;
    public static final int SOCIAL_HANDLE_MAX = 100;
    public static final int PRODUCT_MAX = 100;
    public static final int SUMMARY_MAX = 200;
    public static final int DESCRIPTION_MAX = 10_000;
    public static final int ORDER_REFERENCE_MAX = 100;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{4,38}");
    private static final Pattern LOCALE = Pattern.compile("en|es");

    /** Checks every rule and reports all broken ones at once; a partner's channel defaults to PARTNER. */
    OpenCase validate(Party party) {
        var checks = new InvalidRequestException.Checks();
        var parsedChannel = checks.oneOf("channel", channel, Channel.class, !party.isPartner());
        if (parsedChannel == null && party.isPartner() && (channel == null || channel.isBlank())) {
            parsedChannel = Channel.PARTNER;
        }
        if (parsedChannel == Channel.PROACTIVE) {
            checks.reject("channel", "PROACTIVE cases are opened only by an incident's list of affected customers");
        }
        Customer parsedCustomer = null;
        if (customer == null) {
            checks.reject("customer", "is required");
        } else {
            parsedCustomer = customerOf(customer, checks);
        }
        checks.required("product", product, PRODUCT_MAX);
        var parsedErrorKind = checks.oneOf("errorKind", errorKind, ErrorKind.class, true);
        checks.required("summary", summary, SUMMARY_MAX);
        checks.required("description", description, DESCRIPTION_MAX);
        var parsedImpact = checks.oneOf("impact", impact, Impact.class, true);
        checks.optional("orderReference", orderReference, ORDER_REFERENCE_MAX);
        checks.throwIfAny();
        return new OpenCase(
                require(parsedChannel),
                require(parsedCustomer),
                new Complaint(
                        require(product).strip(),
                        require(parsedErrorKind),
                        require(summary).strip(),
                        require(description).strip(),
                        require(parsedImpact),
                        blankToNull(orderReference)));
    }

    private static <T> T require(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("validated field is null");
        }
        return value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The customer of a case opened without this request (an incident's affected customer), checked by the same
     * rules; throws every broken one at once, named without the {@code customer.} prefix.
     */
    public static Customer validCustomer(CustomerRequest c) {
        var checks = new InvalidRequestException.Checks();
        var customer = customerOf(c, checks);
        try {
            checks.throwIfAny();
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.violations().stream()
                    .map(v -> new InvalidRequestException.FieldViolation(
                            v.field().replaceFirst("^customer\\.?", "").isEmpty()
                                    ? "customer"
                                    : v.field().replaceFirst("^customer\\.", ""),
                            v.message()))
                    .toList());
        }
        return require(customer);
    }

    /** Adds the customer's broken rules to {@code checks}; returns the customer when they hold. */
    private static @Nullable Customer customerOf(CustomerRequest c, InvalidRequestException.Checks checks) {
        checks.required("customer.name", c.name(), NAME_MAX);
        checks.optional("customer.email", c.email(), EMAIL_MAX);
        checks.matches("customer.email", blankToNull(c.email()), EMAIL, "must be an email address");
        checks.optional("customer.phone", c.phone(), PHONE_MAX);
        checks.matches("customer.phone", blankToNull(c.phone()), PHONE, "must be a phone number");
        if (blankToNull(c.email()) == null && blankToNull(c.phone()) == null) {
            checks.reject("customer", "needs an email or a phone");
        }
        checks.matches(
                "customer.locale",
                c.locale() == null ? null : c.locale().toLowerCase(Locale.ROOT),
                LOCALE,
                "must be one of [en, es]");
        checks.optional("customer.socialHandle", c.socialHandle(), SOCIAL_HANDLE_MAX);
        if (c.audienceSize() != null && c.audienceSize() < 0) {
            checks.reject("customer.audienceSize", "must be zero or more");
        }
        if (c.name() == null || c.name().isBlank()) {
            return null;
        }
        return new Customer(
                c.name().strip(),
                blankToNull(c.email()),
                blankToNull(c.phone()),
                c.locale() == null || c.locale().isBlank() ? "en" : c.locale().toLowerCase(Locale.ROOT),
                blankToNull(c.socialHandle()),
                c.audienceSize());
    }
}
