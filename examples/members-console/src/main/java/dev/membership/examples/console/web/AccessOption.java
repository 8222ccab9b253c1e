package dev.membership.examples.console.web;

import dev.membership.query.EntitlementUsage;
import java.util.List;
import java.util.Optional;

/**
 * One application access as the pickers and the roles page show it: its seats, taken and free.
 *
 * @param key the entitlement's key
 * @param name what people see
 * @param seatLimit how many seats it has; empty for unlimited
 * @param seatsInUse seats taken (active members granted it and open invitations that would grant it)
 * @param seatsFree seats still free; empty for unlimited
 */
public record AccessOption(String key, String name, Optional<Integer> seatLimit, long seatsInUse,
    Optional<Long> seatsFree) {

  static AccessOption of(EntitlementUsage usage) {
    return new AccessOption(usage.entitlement().key().value(), usage.entitlement().name(),
        usage.entitlement().seatLimit(), usage.seatsInUse(), usage.seatsFree());
  }

  static List<AccessOption> of(List<EntitlementUsage> usage) {
    return usage.stream().map(AccessOption::of).toList();
  }

  /** "3 of 10 seats free", or "unlimited seats". */
  public String seats() {
    return seatLimit.map(limit -> seatsFree.orElse(0L) + " of " + limit + " seats free").orElse("unlimited seats");
  }

  /** Whether nobody more can be given it now. */
  public boolean full() {
    return seatsFree.map(free -> free == 0).orElse(false);
  }
}
