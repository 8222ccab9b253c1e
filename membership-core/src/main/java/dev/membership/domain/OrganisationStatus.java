package dev.membership.domain;

/** Whether an organisation is in use or was deleted (its history is kept). */
public enum OrganisationStatus {
  ACTIVE,
  DELETED,
}
