package dev.gantry.coffee.order.members;

import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.retry.exception.CircuitOpenException;
import jakarta.inject.Singleton;

/** Whether a member may order, in the order service's own terms. */
@Singleton
public class MemberCheck {
  private final MemberClient members;

  MemberCheck(MemberClient members) {
    this.members = members;
  }

  public enum Verdict {
    MAY_ORDER,
    UNKNOWN,
    NOT_ACTIVE
  }

  /**
   * @throws MemberServiceUnavailable when member cannot be asked right now
   */
  public Verdict check(String memberId) {
    try {
      return members
          .find(memberId)
          .map(member -> member.mayOrder() ? Verdict.MAY_ORDER : Verdict.NOT_ACTIVE)
          .orElse(Verdict.UNKNOWN);
    } catch (CircuitOpenException e) {
      throw new MemberServiceUnavailable(
          "member service unavailable (circuit open); try again shortly", e);
    } catch (HttpClientException e) {
      throw new MemberServiceUnavailable("member service unavailable: " + e.getMessage(), e);
    }
  }

  public static class MemberServiceUnavailable extends RuntimeException {
    MemberServiceUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
