package dev.gantry.coffee.member.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2 with HMAC-SHA-256, a random salt per password. The encoding names its iterations ({@code
 * pbkdf2-sha256$<iterations>$<salt>$<hash>}), so raising them later keeps old passwords valid.
 */
@Singleton
public class PasswordHashing {
  private static final String SCHEME = "pbkdf2-sha256";
  private static final int HASH_BITS = 256;
  private final SecureRandom random = new SecureRandom();
  private final int iterations;

  /**
   * @param iterations OWASP's 2023 advice for PBKDF2-HMAC-SHA256 is 600,000
   */
  public PasswordHashing(@Value("${member.passwords.iterations:600000}") int iterations) {
    if (iterations < 1_000) {
      throw new IllegalArgumentException("member.passwords.iterations must be at least 1000");
    }
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return String.join(
        "$",
        SCHEME,
        Integer.toString(iterations),
        base64.encodeToString(salt),
        base64.encodeToString(derive(password, salt, iterations)));
  }

  public boolean matches(String password, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    Base64.Decoder base64 = Base64.getDecoder();
    byte[] expected = base64.decode(parts[3]);
    byte[] actual = derive(password, base64.decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS))
          .getEncoded();
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}
