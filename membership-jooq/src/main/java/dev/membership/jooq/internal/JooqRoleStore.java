package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.SqlSupport.updateVersioned;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
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
import dev.membership.spi.RoleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * Custom roles in table {@code membership_role}, unique by name keys; built-in roles are resolved
 * in memory. Whether a role is in use, and moving its holders, read and write memberships and
 * invitations in one statement each.
 */
record JooqRoleStore(DSLContext sql, RenderedSql rendered) implements RoleStore {
  private static final org.jooq.Field<?>[] FIELDS = MEMBERSHIP_ROLE.fields();
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
    roles.addAll(rendered.fetch(sql, "role.list", FIELDS,
            () -> sql.select(FIELDS).from(R).where(R.ORGANISATION_ID.eq(RenderedSql.bind("org", R.ORGANISATION_ID))),
            new RenderedSql.Binds().put("org", organisation, R.ORGANISATION_ID), r -> JooqRows.role(r, 0))
        .stream()
        .sorted(Comparator.comparing((Role r) -> TextForms.searchForm(r.name())).thenComparing(r -> r.id().value()))
        .toList());
    return List.copyOf(roles);
  }

  @Override
  public Role update(Role role) {
    requireCustomNameFree(role);
    return JooqRows.role(updateVersioned(sql, record(role), R.VERSION,
        R.ID.eq(role.id()).and(R.ORGANISATION_ID.eq(role.organisationId().orElseThrow())), constraint -> Role.nameTaken(), "The role"));
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
    Condition members = exists(selectOne().from(M).where(liveMembers(organisation).and(M.ROLE_ID.eq(role))));
    Condition invitations = exists(selectOne().from(I).where(pendingInvitations(organisation).and(I.ROLE_ID.eq(role))));
    return sql.select(when(members.or(invitations), inline(1)).otherwise(inline(0))).fetchOne(0, Integer.class) == 1;
  }

  @Override
  public int reassign(OrganisationId organisation, RoleId from, RoleId to, Instant now) {
    return moveRole(M, M.ROLE_ID, M.UPDATED_AT, M.VERSION, liveMembers(organisation), from, to, now)
        + moveRole(I, I.ROLE_ID, I.UPDATED_AT, I.VERSION, pendingInvitations(organisation), from, to, now);
  }

  /** Gives the rows {@code held} selects that have role {@code from} the role {@code to}, as a change of each. */
  private <R extends Record> int moveRole(Table<R> table, TableField<R, RoleId> role, TableField<R, Instant> updatedAt,
      TableField<R, Long> version, Condition held, RoleId from, RoleId to, Instant now) {
    return sql.update(table).set(role, to).set(updatedAt, now).set(version, version.plus(1))
        .where(held.and(role.eq(from))).execute();
  }

  private static Condition liveMembers(OrganisationId organisation) {
    return M.ORGANISATION_ID.eq(organisation).and(M.LIVE_ACCOUNT_ID.isNotNull());
  }

  private static Condition pendingInvitations(OrganisationId organisation) {
    return I.ORGANISATION_ID.eq(organisation).and(I.PENDING_EMAIL.isNotNull());
  }
}
