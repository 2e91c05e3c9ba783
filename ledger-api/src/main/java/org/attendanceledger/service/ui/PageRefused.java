package org.attendanceledger.service.ui;

/**
 * A page the caller's key may not see: the API request it mirrors is refused by the access policy. Like the API's
 * 403, it names no school or LA the caller does not already know.
 */
public class PageRefused extends RuntimeException {

    public PageRefused() {
        super("the key's role or scope does not cover this page");
    }
}
