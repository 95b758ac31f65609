package org.amends.cases.intake;

import org.amends.cases.lifecycle.model.Case;

/**
 * What intake asks of incidents: link a case just filed to the open incident its signature matches, if any, and
 * acknowledge it with that incident's statement. An interface, so intake does not depend on the incidents feature.
 */
public interface IncidentMatching {

    /** Called in the intake transaction, right after the case and its {@code case.opened} event were stored. */
    void linkIfMatching(Case aCase);
}
