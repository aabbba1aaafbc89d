package dev.gantry.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Issues tokens as member does — RS256, the member's id as subject, its roles in {@code roles} —
 * and publishes the public key as a JWK set on loopback, where services under test verify them. Its
 * private key can be given to a real member ({@code MEMBER_TOKENS_PRIVATE_KEY}), whose own tokens
 * then verify against the same keys.
 */
public final class TokenIssuer implements AutoCloseable {
  private final RSAKey key;
  private final String privateKeyPem;
  private final HttpServer server;

  private TokenIssuer(RSAKey key, String privateKeyPem, HttpServer server) {
    this.key = key;
    this.privateKeyPem = privateKeyPem;
    this.server = server;
  }

  public static TokenIssuer start() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      RSAKey key =
          new RSAKey.Builder((RSAPublicKey) pair.getPublic())
              .privateKey((RSAPrivateKey) pair.getPrivate())
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint()
              .build();
      byte[] jwks = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/keys",
          exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(jwks);
            }
          });
      server.start();
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(pair.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      return new TokenIssuer(key, pem, server);
    } catch (NoSuchAlgorithmException | JOSEException | IOException e) {
      throw new IllegalStateException("cannot start a token issuer: " + e, e);
    }
  }

  /** Where the public key is published, for {@code coffee.tokens.jwks-url}. */
  public String jwksUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
  }

  /** The signing key as PKCS#8 PEM, for {@code member.tokens.private-key}. */
  public String privateKeyPem() {
    return privateKeyPem;
  }

  /** A token valid for an hour, for {@code subject} with {@code roles}. */
  public String token(String subject, String... roles) {
    return token(subject, Duration.ofHours(1), roles);
  }

  /** A token that expires {@code validFor} from now (negative: already expired). */
  public String token(String subject, Duration validFor, String... roles) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issueTime(Date.from(now.minusSeconds(60)))
            .expirationTime(Date.from(now.plus(validFor)))
            .claim("roles", List.of(roles))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** {@code Bearer <token>}, for an Authorization header. */
  public String bearer(String subject, String... roles) {
    return "Bearer " + token(subject, roles);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
