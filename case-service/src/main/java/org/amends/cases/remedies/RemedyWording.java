package org.amends.cases.remedies;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * How a remedy is told to the customer on their timeline, in plain words in their language (English or Spanish),
 * without the internal details (who approved it, why a delivery failed).
 */
final class RemedyWording {

    private static final Map<String, String[]> NAMES = Map.of(
            "APOLOGY", new String[] {"a formal apology", "una disculpa formal"},
            "REFUND", new String[] {"a refund", "un reembolso"},
            "CREDIT", new String[] {"a credit", "un crédito"},
            "REPLACEMENT", new String[] {"a replacement", "una sustitución"},
            "EXPEDITE", new String[] {"an expedited service", "un servicio urgente"},
            "FEE_WAIVER", new String[] {"a fee waiver", "la exención de una tarifa"},
            "GOODWILL", new String[] {"a goodwill gesture", "un gesto de buena voluntad"});

    private final boolean spanish;

    RemedyWording(String locale) {
        this.spanish = "es".equals(locale);
    }

    String offered(CaseRemedy remedy) {
        return spanish
                ? "Le ofrecemos " + what(remedy) + " para reparar nuestro error. Puede aceptarlo o rechazarlo aquí."
                : "We offer you " + what(remedy) + " to put our mistake right. You can accept or decline it here.";
    }

    String fulfilled(CaseRemedy remedy) {
        return spanish
                ? "Hecho: le hemos entregado " + what(remedy) + "."
                : "Done: " + what(remedy) + " has been delivered to you.";
    }

    String failed(CaseRemedy remedy) {
        return spanish
                ? "No hemos podido entregarle " + what(remedy)
                        + " todavía. Un responsable ya se está ocupando y le informaremos."
                : "We could not deliver " + what(remedy)
                        + " yet. A supervisor is already on it and we will keep you informed.";
    }

    private String what(CaseRemedy remedy) {
        var names = remedy.type() == null ? null : NAMES.get(remedy.type());
        var name = names == null ? (spanish ? "la compensación" : "the remedy") : names[spanish ? 1 : 0];
        if (remedy.amountMinorUnits() == null || remedy.amountMinorUnits() == 0 || remedy.currency() == null) {
            return name;
        }
        return name + (spanish ? " de " : " of ") + amount(remedy.amountMinorUnits(), remedy.currency());
    }

    /** Minor units as the currency writes them, e.g. 1500 EUR → 15.00 EUR (15,00 EUR in Spanish). */
    private String amount(long minorUnits, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        var value = BigDecimal.valueOf(minorUnits, digits);
        var text = String.format(Locale.ROOT, "%." + digits + "f", value);
        return (spanish ? text.replace('.', ',') : text) + " " + currency;
    }
}
