package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import org.junit.jupiter.api.Nested;

/**
 * Erasure of a person and retention, in one class as {@link
 * MembershipStoreContract} is for the rest: name a {@link StoreSource} with {@link StoresFrom},
 * extend it, and JUnit runs {@link ErasureContract} and {@link RetentionContract} against your
 * {@link MembershipStore}.
 */
public abstract class ErasureAndRetentionContract extends ContractSuite {

  @Nested
  class Erasure extends ErasureContract {}

  @Nested
  class Retention extends RetentionContract {}
}
