package org.attendanceledger.school.api;

/** Everything that can happen to a school's record. Stored contract. */
public sealed interface SchoolEvent permits SchoolRegistered, AutomaticNConversionSet, RegisterPolicyChanged {

    String urn();
}
