package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.allColumns;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.guardedUpdate;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.when;

import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.domain.TextForms;
import dev.membership.jooq.internal.generated.tables.MembershipInvitation;
import dev.membership.jooq.internal.generated.tables.MembershipMember;
import dev.membership.jooq.internal.generated.tables.MembershipRole;
import dev.membership.jooq.internal.generated.tables.records.MembershipRoleRecord;
import dev.membership.spi.RoleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Custom roles in table {@code membership_role}, unique by name keys; built-in roles are resolved
 * in memory. Whether a role is in use, and moving its holders, read and write memberships and
 * invitations in one statement each.
 */
record JooqRoleStore(DSLContext sql) implements RoleStore {
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipRole R = MEMBERSHIP_ROLE;
  private static final MembershipInvitation I = MEMBERSHIP_INVITATION;

  @Override
  public void insert(Role role) {
    requireCustomNameFree(role);
    guardedInsert(() -> sql.executeInsert(record(role)), Role::nameTaken);
  }

  @Override
  public Optional<Role> find(OrganisationId organisation, RoleId id) {
    if (id.isBuiltIn()) {
      return Role.builtIn(id);
    }
    return sql.selectFrom(R).where(R.ID.eq(id).and(R.ORGANISATION_ID.eq(organisation))).fetchOptional().map(JooqRows::role);
  }

  @Override
  public List<Role> list(OrganisationId organisation) {
    List<Role> roles = new ArrayList<>(Role.BUILT_IN);
    // An organisation's roles are few: ordered here, exactly as every other store orders them.
    roles.addAll(sql.selectFrom(R)
        .where(R.ORGANISATION_ID.eq(organisation))
        .fetch(JooqRows::role)
        .stream()
        .sorted(Comparator.comparing((Role r) -> TextForms.searchForm(r.name())).thenComparing(r -> r.id().value()))
        .toList());
    return List.copyOf(roles);
  }

  @Override
  public Role update(Role role) {
    requireCustomNameFree(role);
    MembershipRoleRecord next = record(role);
    next.setVersion(role.version() + 1);
    int updated = guardedUpdate(() -> sql.update(R).set(allColumns(next))
        .where(R.ID.eq(role.id()).and(R.ORGANISATION_ID.eq(next.getOrganisationId())).and(R.VERSION.eq(role.version())))
        .execute(), Role::nameTaken);
    requireUpdated(updated, "The role");
    return JooqRows.role(next);
  }

  /** Refuses a built-in role (never stored) and a name that a built-in role holds. */
  private static void requireCustomNameFree(Role role) {
    if (role.isBuiltIn()) {
      throw new IllegalArgumentException("built-in roles are not stored");
    }
    if (role.nameCollidesWithBuiltIn()) {
      throw Role.nameTaken();
    }
  }

  @Override
  public void delete(OrganisationId organisation, RoleId id) {
    sql.deleteFrom(R).where(R.ID.eq(id).and(R.ORGANISATION_ID.eq(organisation))).execute();
  }

  /** A deactivated membership keeps its role in {@code role_id}: live memberships and pending invitations. */
  @Override
  public boolean isInUse(OrganisationId organisation, RoleId role) {
    Condition members = exists(selectOne().from(M)
        .where(M.ORGANISATION_ID.eq(organisation).and(M.LIVE_ACCOUNT_ID.isNotNull()).and(M.ROLE_ID.eq(role))));
    Condition invitations = exists(selectOne().from(I)
        .where(I.ORGANISATION_ID.eq(organisation).and(I.PENDING_EMAIL.isNotNull()).and(I.ROLE_ID.eq(role))));
    return sql.select(when(members.or(invitations), inline(1)).otherwise(inline(0))).fetchOne(0, Integer.class) == 1;
  }

  @Override
  public int reassign(OrganisationId organisation, RoleId from, RoleId to, Instant now) {
    int members = sql.update(M)
        .set(M.ROLE_ID, to)
        .set(M.UPDATED_AT, now)
        .set(M.VERSION, M.VERSION.plus(1))
        .where(M.ORGANISATION_ID.eq(organisation).and(M.LIVE_ACCOUNT_ID.isNotNull()).and(M.ROLE_ID.eq(from)))
        .execute();
    int invitations = sql.update(I)
        .set(I.ROLE_ID, to)
        .set(I.UPDATED_AT, now)
        .set(I.VERSION, I.VERSION.plus(1))
        .where(I.ORGANISATION_ID.eq(organisation).and(I.PENDING_EMAIL.isNotNull()).and(I.ROLE_ID.eq(from)))
        .execute();
    return members + invitations;
  }
}
