package org.attendanceledger.service.export;

import java.util.List;

/**
 * A list answer whose {@code items} are its rows. Every such answer can also be had as CSV ({@code Accept: text/csv}),
 * one row per item, with the JSON field names as the header.
 */
public interface ItemList {

    List<?> items();
}
