package dev.gantry.coffee.member.security;

import dev.gantry.coffee.member.persistence.Member;
import dev.gantry.coffee.member.persistence.MemberRepository;
import dev.gantry.runtime.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first staff account, from configuration ({@code member.staff.email} and {@code
 * member.staff.password}, a Secret on a cluster): created at start, or made staff with that
 * password if the email is already registered. Nobody can become staff through the API.
 */
@Singleton
@Requires(property = "member.staff.email")
class StaffAccount {
  private static final Logger LOG = LoggerFactory.getLogger(StaffAccount.class);
  private final MemberRepository members;
  private final PasswordHashing passwords;
  private final String email;
  private final String password;

  StaffAccount(
      MemberRepository members,
      PasswordHashing passwords,
      @Value("${member.staff.email}") String email,
      @Value("${member.staff.password}") String password) {
    if (password.length() < 12) {
      throw new IllegalArgumentException("member.staff.password must be at least 12 characters");
    }
    this.members = members;
    this.passwords = passwords;
    this.email = email;
    this.password = password;
  }

  @EventListener
  @Transactional
  void onStartup(StartupEvent event) {
    Member existing = members.findByEmail(email).orElse(null);
    if (existing != null
        && Roles.STAFF.equals(existing.role())
        && existing.passwordHash() != null
        && passwords.matches(password, existing.passwordHash())) {
      return;
    }
    members.upsertStaff(
        UUID.randomUUID().toString(),
        email,
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        passwords.hash(password));
    LOG.info("staff account {} ready", email);
  }
}
