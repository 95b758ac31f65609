package org.amends.remedies.policy;

import org.amends.remedies.model.Money;
import org.amends.remedies.model.RemedyType;

/**
 * One line of the catalogue: for mistakes of this kind and severity, suggest this remedy, worth {@code suggested}
 * within {@code min}..{@code max}.
 */
public record PolicyRule(
        String errorKind, String severity, RemedyType remedyType, Money min, Money max, Money suggested) {}
