package dev.membership.domain;

/** What a role allows in one organisation. Custom roles hold any subset. */
public enum Permission {
  /** Rename the organisation and change its settings. */
  MANAGE_ORGANISATION,
  /** Delete the organisation. Only owners hold it among the built-in roles. */
  DELETE_ORGANISATION,
  /** See the member list. */
  VIEW_MEMBERS,
  /** Invite, create directly, deactivate, reactivate, remove members, change roles and access. */
  MANAGE_MEMBERS,
  /** Approve or deny join requests; reviewers are notified of new requests. */
  REVIEW_JOIN_REQUESTS,
  /** Create, change and delete custom roles. */
  MANAGE_ROLES,
  /** Define the organisation's entitlements (application access, seats). */
  MANAGE_ENTITLEMENTS,
  /** Read the organisation's audit log. */
  VIEW_AUDIT_LOG,
}
