package dev.membership.spi;

import dev.membership.domain.AccountId;
import dev.membership.domain.DomainId;
import dev.membership.domain.DomainName;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.OrganisationId;
import java.util.List;
import java.util.Optional;

/**
 * The domains organisations added ({@link StoreTransaction#domains()}). Keeps the rules written on
 * {@link StoreTransaction}, and two unique keys: one row per organisation and domain name, and one
 * verified row per domain name across all organisations.
 */
public interface DomainStore {

  /**
   * Stores a new domain.
   *
   * @throws dev.membership.error.ConflictException {@code DOMAIN_ALREADY_ADDED} (the organisation has
   *     this name), {@code DOMAIN_VERIFIED_ELSEWHERE} (inserted verified while another row is)
   */
  void insert(OrganisationDomain domain);

  /**
   * Stores a changed domain (optimistic version); its organisation and name never change.
   *
   * @throws dev.membership.error.ConflictException {@code DOMAIN_VERIFIED_ELSEWHERE} when it becomes
   *     verified while another organisation's row of the name is
   */
  OrganisationDomain update(OrganisationDomain domain);

  /** Deletes the organisation's domain; false if there was none. */
  boolean delete(OrganisationId organisation, DomainId id);

  Optional<OrganisationDomain> find(OrganisationId organisation, DomainId id);

  Optional<OrganisationDomain> findByName(OrganisationId organisation, DomainName name);

  /** The organisation's domains by name, at most {@code limit}. */
  List<OrganisationDomain> list(OrganisationId organisation, int limit);

  /** The one row, of any organisation, that holds this name verified. */
  Optional<OrganisationDomain> findVerified(DomainName name);

  /**
   * Whether the account has, or ever had, a membership of the organisation (any status, removed or
   * left included): automatic enrolment never brings back someone who was removed or left.
   */
  boolean hasMembershipHistory(OrganisationId organisation, AccountId account);
}
