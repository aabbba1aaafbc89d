package dev.gantry.coffee.member.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.jwt.endpoints.JwkProvider;
import io.micronaut.security.token.jwt.signature.rsa.RSASignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The RSA key member signs its tokens with ({@code member.tokens.private-key}: an RSA key in PEM,
 * from a Secret on a cluster, made by {@code hack/coffee-shop.sh} locally), and its public half
 * published at {@code /keys} (a JWK set) for the other services to verify tokens with. Every
 * replica is given the same key, so any replica's token is valid everywhere.
 */
@Factory
class SigningKey {
  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";
  private static final String PKCS1_BEGIN = "-----BEGIN RSA PRIVATE KEY-----";
  private static final String PKCS1_END = "-----END RSA PRIVATE KEY-----";

  // made at start, so a member without its key stops at once saying so, instead of running and
  // failing every request
  @Context
  RSAKey rsaKey(@Value("${member.tokens.private-key}") String pem) {
    RSAPrivateCrtKey privateKey = parse(pem);
    try {
      RSAPublicKey publicKey =
          (RSAPublicKey)
              KeyFactory.getInstance("RSA")
                  .generatePublic(
                      new RSAPublicKeySpec(
                          privateKey.getModulus(), privateKey.getPublicExponent()));
      RSAKey key =
          new RSAKey.Builder(publicKey)
              .privateKey(privateKey)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .build();
      // the key id is the key's thumbprint: it changes exactly when the key does
      return new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
    } catch (GeneralSecurityException | JOSEException e) {
      throw new IllegalArgumentException("member.tokens.private-key: " + e.getMessage(), e);
    }
  }

  @Singleton
  @Named("generator")
  RSASignatureGeneratorConfiguration generator(RSAKey key) {
    return new RSASignatureGeneratorConfiguration() {
      @Override
      public RSAPrivateKey getPrivateKey() {
        try {
          return key.toRSAPrivateKey();
        } catch (JOSEException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public RSAPublicKey getPublicKey() {
        try {
          return key.toRSAPublicKey();
        } catch (JOSEException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public JWSAlgorithm getJwsAlgorithm() {
        return JWSAlgorithm.RS256;
      }
    };
  }

  @Singleton
  JwkProvider published(RSAKey key) {
    List<JWK> keys = List.of(key.toPublicJWK());
    return () -> keys;
  }

  private static RSAPrivateCrtKey parse(String pem) {
    String text = pem.strip();
    byte[] pkcs8;
    if (text.startsWith(PKCS8_BEGIN) && text.endsWith(PKCS8_END)) {
      pkcs8 = body(text, PKCS8_BEGIN, PKCS8_END);
    } else if (text.startsWith(PKCS1_BEGIN) && text.endsWith(PKCS1_END)) {
      pkcs8 = pkcs8(body(text, PKCS1_BEGIN, PKCS1_END));
    } else {
      throw new IllegalArgumentException(
          "member.tokens.private-key must be an unencrypted RSA key in PEM ("
              + PKCS8_BEGIN
              + " from openssl genpkey -algorithm RSA, or "
              + PKCS1_BEGIN
              + " from Helm's genPrivateKey)");
    }
    try {
      if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8))
          instanceof RSAPrivateCrtKey key) {
        if (key.getModulus().bitLength() < 2048) {
          throw new IllegalArgumentException(
              "member.tokens.private-key must be an RSA key of at least 2048 bits");
        }
        return key;
      }
      throw new IllegalArgumentException("member.tokens.private-key is not an RSA key");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "member.tokens.private-key is not an RSA private key: " + e.getMessage(), e);
    }
  }

  private static byte[] body(String pem, String begin, String end) {
    return Base64.getMimeDecoder()
        .decode(pem.substring(begin.length(), pem.length() - end.length()));
  }

  /**
   * A PKCS#1 RSAPrivateKey wrapped as PKCS#8 PrivateKeyInfo, which the JDK reads: version 0, the
   * rsaEncryption algorithm with NULL parameters, the key as an OCTET STRING.
   */
  static byte[] pkcs8(byte[] pkcs1) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] key = der(0x04, pkcs1);
    byte[] content = new byte[version.length + algorithm.length + key.length];
    System.arraycopy(version, 0, content, 0, version.length);
    System.arraycopy(algorithm, 0, content, version.length, algorithm.length);
    System.arraycopy(key, 0, content, version.length + algorithm.length, key.length);
    return der(0x30, content);
  }

  private static byte[] der(int tag, byte[] content) {
    int length = content.length;
    byte[] header;
    if (length < 0x80) {
      header = new byte[] {(byte) tag, (byte) length};
    } else if (length < 0x100) {
      header = new byte[] {(byte) tag, (byte) 0x81, (byte) length};
    } else if (length < 0x10000) {
      header = new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
    } else {
      throw new IllegalArgumentException("member.tokens.private-key is implausibly large");
    }
    byte[] out = new byte[header.length + length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(content, 0, out, header.length, length);
    return out;
  }
}
