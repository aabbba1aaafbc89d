package dev.gantry.coffee.member.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

  @Test
  void readsAKeyInPkcs1AsHelmsGenPrivateKeyWritesItAndInPkcs8AsOpensslDoes() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(4096);
    byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
    // a 4096-bit PrivateKeyInfo: SEQUENCE, version, algorithm (22 bytes with both headers), then
    // the OCTET STRING whose content is the PKCS#1 RSAPrivateKey
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    assertThat(SigningKey.pkcs8(pkcs1)).isEqualTo(pkcs8);

    SigningKey keys = new SigningKey();
    String fromHelm = pem("RSA PRIVATE KEY", pkcs1);
    String fromOpenssl = pem("PRIVATE KEY", pkcs8);
    assertThat(keys.rsaKey(fromHelm).getKeyID()).isEqualTo(keys.rsaKey(fromOpenssl).getKeyID());
  }

  @Test
  void refusesWhatIsNotAnRsaPrivateKeyInPem() {
    assertThatThrownBy(() -> new SigningKey().rsaKey("not a key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("member.tokens.private-key must be an unencrypted RSA key in PEM");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
