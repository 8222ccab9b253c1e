package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An application of the deployment's catalogue (not of one organisation): the entitlement key that
 * gives access to it, its name, and its client policies, each applying from its instant on until the
 * next one starts.
 *
 * @param key the entitlement key organisations hold to use it, e.g. {@code designer}
 * @param name what people see
 * @param policies its minimum client version policies, ordered by {@code effectiveFrom}, at most one per instant
 * @param version optimistic version
 */
public record Application(EntitlementKey key, String name, List<ClientPolicy> policies, long version) {
  /** Policies kept per application: past ones stay to explain "since when". */
  public static final int MAX_POLICIES = 50;
  public static final int MAX_NAME_LENGTH = 200;

  public Application {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    policies = policies.stream().sorted(Comparator.comparing(ClientPolicy::effectiveFrom)).toList();
    for (int i = 1; i < policies.size(); i++) {
      if (policies.get(i).effectiveFrom().equals(policies.get(i - 1).effectiveFrom())) {
        throw new IllegalArgumentException("two policies from " + policies.get(i).effectiveFrom());
      }
    }
  }

  /** A new application without a client policy (every client accepted). */
  public static Application define(EntitlementKey key, String name) {
    return new Application(key, checkName(name), List.of(), 0);
  }

  /** The name as typed, stripped; 1 to {@value #MAX_NAME_LENGTH} characters. */
  public static String checkName(String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty() || stripped.length() > MAX_NAME_LENGTH || stripped.chars().anyMatch(Character::isISOControl)) {
      throw InvalidInputException.of("name", "out_of_range",
          "must be 1 to " + MAX_NAME_LENGTH + " characters without control characters");
    }
    return stripped;
  }

  /** The policy that applies at {@code now}: the latest one from before or at it. */
  public Optional<ClientPolicy> policyAt(Instant now) {
    ClientPolicy found = null;
    for (ClientPolicy p : policies) {
      if (!p.effectiveFrom().isAfter(now)) {
        found = p;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The next policy to apply after {@code now}, if one is scheduled. */
  public Optional<ClientPolicy> nextPolicyAfter(Instant now) {
    return policies.stream().filter(p -> p.effectiveFrom().isAfter(now)).findFirst();
  }

  /** The same application renamed. */
  public Application renamed(String newName) {
    return new Application(key, checkName(newName), policies, version);
  }

  /** The same application with {@code policy} scheduled, replacing one from the same instant. */
  public Application withPolicy(ClientPolicy policy) {
    List<ClientPolicy> next = new ArrayList<>(policies.stream()
        .filter(p -> !p.effectiveFrom().equals(policy.effectiveFrom())).toList());
    next.add(policy);
    if (next.size() > MAX_POLICIES) {
      throw InvalidInputException.of("effectiveFrom", "out_of_range",
          "an application keeps at most " + MAX_POLICIES + " policies");
    }
    return new Application(key, name, next, version);
  }

  /** The same application without the policy from {@code effectiveFrom}. */
  public Application withoutPolicy(Instant effectiveFrom) {
    return new Application(key, name, policies.stream().filter(p -> !p.effectiveFrom().equals(effectiveFrom)).toList(),
        version);
  }
}
