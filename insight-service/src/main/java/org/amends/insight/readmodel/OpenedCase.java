package org.amends.insight.readmodel;

import java.time.Instant;
import java.util.UUID;

/** A case whose opening was just applied for the first time: what the detectors look at. */
public record OpenedCase(UUID caseId, String reference, Signature signature, Instant openedAt) {}
