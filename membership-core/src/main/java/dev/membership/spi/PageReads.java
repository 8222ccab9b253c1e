package dev.membership.spi;

import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.MemberCounts;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import java.time.Instant;
import java.util.Set;

/**
 * The list pages a host shows, each one keyset-paginated read across aggregates, in the transaction
 * it was reached from ({@link StoreTransaction#reads()}). Each page is ordered by the sort key named
 * on its method with a unique tiebreaker, and {@code nextCursor} is present exactly when more rows
 * follow.
 */
public interface PageReads {

  /**
   * The members page: members and invitations of status {@code PENDING} (badge {@code PENDING} while
   * open at {@code now}, {@code EXPIRED} once past their expiry, each shown only if the query's badges
   * include it), filtered as the query says, ordered by e-mail, then id. The query's text matches a
   * row whose e-mail address, or {@link dev.membership.domain.TextForms#searchForm search form} of the
   * display name, contains the search form of the text. A removed member whose custom role was
   * deleted since shows {@link Role#deleted}.
   */
  Page<MemberRow> memberPage(OrganisationId organisation, MemberQuery query, Instant now);

  /**
   * The members page as {@link #memberPage(OrganisationId, MemberQuery, Instant)} reads it, with the
   * viewer's access as {@link MemberStore#findAccess} reads it, read together (a SQL store reads both
   * in one statement). The caller checks the access before it uses the page: a store reads the page
   * whatever the access says.
   */
  MemberPageView memberPage(AccountId viewer, OrganisationId organisation, MemberQuery query, Instant now);

  /**
   * How many memberships of each status and pending invitations the organisation has, as kept with
   * every change: {@link MemberStore#insert}/{@link MemberStore#update} of a membership and {@link
   * InvitationStore#insert}/{@link InvitationStore#update} of an invitation change the counts of the
   * statuses they leave and enter, in their transaction (rolled back with it; two transactions
   * changing the same organisation at once lose no change). Equal, after every commit, to counting
   * the rows; all zero for an unknown organisation.
   */
  MemberCounts memberCounts(OrganisationId organisation);

  /** The account's live memberships with organisation and role; ordered by organisation name, then id. */
  Page<AccountOrganisation> organisationsOf(AccountId account, PageRequest page);

  /**
   * Active, {@link Organisation#discoverable discoverable} organisations whose name contains {@code
   * text}, ignoring case: the
   * {@link dev.membership.domain.TextForms#searchForm search form} of the name contains that of
   * {@code text}; ordered by the search form of the name, then id.
   */
  Page<Organisation> searchOrganisations(String text, PageRequest page);

  /** The organisation's requests to join in these statuses (all when empty), oldest first, then id. */
  Page<JoinRequest> joinRequestPage(OrganisationId organisation, Set<JoinRequestStatus> statuses, PageRequest page);

  /**
   * The account's own requests in these statuses (all when empty), each with its organisation, newest
   * first, then id descending.
   */
  Page<AccountJoinRequest> joinRequestsOf(AccountId account, Set<JoinRequestStatus> statuses, PageRequest page);
}
