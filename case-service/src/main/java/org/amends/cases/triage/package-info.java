/** Triage on intake: severity from impact, channel and audience, and a sentiment estimate from a small explainable English and Spanish lexicon (weighted word lists, negations and intensifiers), chosen over a trained model so every score comes with the words that caused it. */
@NullMarked
package org.amends.cases.triage;

import org.jspecify.annotations.NullMarked;
