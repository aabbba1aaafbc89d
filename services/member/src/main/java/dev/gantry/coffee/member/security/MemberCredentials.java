package dev.gantry.coffee.member.security;

import dev.gantry.coffee.member.persistence.Member;
import dev.gantry.coffee.member.persistence.MemberRepository;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /login} with a member's email as the username and its password. The token's subject
 * is the member's id (what every service compares with the member an order or a stream belongs to),
 * its roles the member's role. Runs on the blocking pool: hashing takes a while on purpose.
 */
@Singleton
class MemberCredentials implements HttpRequestExecutorAuthenticationProvider<Object> {
  private final MemberRepository members;
  private final PasswordHashing passwords;
  // compared against when the email is unknown, so an unknown email takes as long as a wrong
  // password
  private final String decoy;

  MemberCredentials(MemberRepository members, PasswordHashing passwords) {
    this.members = members;
    this.passwords = passwords;
    this.decoy = passwords.hash("not a password anyone has");
  }

  @Override
  public AuthenticationResponse authenticate(
      HttpRequest<Object> request, AuthenticationRequest<String, String> credentials) {
    String email = credentials.getIdentity();
    String password = credentials.getSecret();
    Optional<Member> found = members.findByEmail(email);
    String hash = found.map(Member::passwordHash).orElse(null);
    boolean matches = passwords.matches(password, hash == null ? decoy : hash);
    if (hash == null || !matches) {
      return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
    Member member = found.get();
    return AuthenticationResponse.success(
        member.id(), List.of(member.role()), Map.of("email", member.email()));
  }
}
