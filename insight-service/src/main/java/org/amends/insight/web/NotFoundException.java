package org.amends.insight.web;

/** The thing asked for does not exist, or is not the caller's to see (a 404 that looks like any other). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
