package org.amends.cases.lifecycle.model;

/** Whether a case was filed by a partner system or by one of our agents. */
public enum SubmitterKind {
    PARTNER,
    AGENT
}
