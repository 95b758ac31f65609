package org.amends.cases.lifecycle.model;

/**
 * Who filed a case: the party that may later read it.
 *
 * @param id a partner's client id or an agent's user name
 */
public record Submitter(String id, SubmitterKind kind) {}
