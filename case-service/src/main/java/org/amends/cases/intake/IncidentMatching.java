package org.amends.cases.intake;

import java.util.Optional;
import java.util.UUID;
import org.amends.cases.lifecycle.model.Case;
import org.amends.cases.lifecycle.model.Complaint;

/**
 * What intake asks of incidents: the open incident a complaint's signature matches, if any, and to link a case just
 * filed to it and acknowledge it with that incident's statement. An interface, so intake does not depend on the
 * incidents feature.
 */
public interface IncidentMatching {

    /** The id of the open incident the complaint matches, asked before the case is filed so that its event names it. */
    Optional<UUID> matching(Complaint complaint);

    /** Called in the intake transaction, right after the case and its {@code case.opened} event were stored. */
    void link(Case aCase, UUID incidentId);
}
