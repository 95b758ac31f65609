package org.amends.cases.incidents;

/** A text for customers in both languages we answer in. */
public record Bilingual(String en, String es) {

    /** The text in {@code locale}: Spanish for {@code es}, English otherwise. */
    public String in(String locale) {
        return "es".equals(locale) ? es : en;
    }
}
