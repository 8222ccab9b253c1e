package dev.membership.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Tells what to define or set when Membership cannot start (a missing sender, base URL, ...). */
public final class MembershipFailureAnalyzer extends AbstractFailureAnalyzer<MembershipConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MembershipConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
