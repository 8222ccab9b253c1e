package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.OrganisationStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Port contract of {@link dev.membership.spi.OrganisationStore}: an organisation reads back exactly as written, in every status. Instants keep their milliseconds (a column that keeps only seconds fails
 * here); a unique key refuses a second row with a {@link dev.membership.error.ConflictException} of
 * the documented code and lets the first one stand.
 */
public abstract class OrganisationStoreContract extends StoreContractSupport {
  /** An instant with milliseconds, as a real clock gives them. */
  private static final Instant MS = T0.plusMillis(123);

  @Test
  void an_organisation_reads_back_as_written_also_once_deleted() {
    Organisation acme = new Organisation(OrganisationId.random(), "Acme Corporation",
        OrganisationStatus.ACTIVE, true, MS, 0);
    inTx(tx -> tx.organisations().insert(acme));
    Organisation deleted = tx(tx -> tx.organisations().update(acme.delete()));

    assertThat(find(tx -> tx.organisations().find(acme.id()))).contains(deleted);
    assertThat(find(tx -> tx.organisations().lock(acme.id()))).contains(deleted);
    assertThat(deleted.status()).isEqualTo(OrganisationStatus.DELETED);
    assertThat(find(tx -> tx.organisations().find(OrganisationId.random()))).isEmpty();
  }
}
