package org.amends.remedies.model;

/** Someone tried to approve or reject a remedy above their approval limit (a 403 problem). */
public class ApprovalLimitExceededException extends RuntimeException {

    public ApprovalLimitExceededException(String message) {
        super(message);
    }
}
