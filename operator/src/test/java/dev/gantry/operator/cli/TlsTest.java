package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Client keys as kubeconfigs hold them, read without a key store. */
class TlsTest {

  private static byte[] pem(String type, byte[] der) {
    return ("-----BEGIN "
            + type
            + "-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END "
            + type
            + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void readsPkcs8AndPkcs1RsaKeys() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    byte[] pkcs8 = rsa.getPrivate().getEncoded();
    // A 2048-bit key's PrivateKeyInfo is 26 bytes of header around the PKCS#1 RSAPrivateKey.
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);

    assertThat(Tls.privateKey(pem("PRIVATE KEY", pkcs8))).isEqualTo(rsa.getPrivate());
    assertThat(Tls.privateKey(pem("RSA PRIVATE KEY", pkcs1))).isEqualTo(rsa.getPrivate());
    assertThat(Tls.rsaPkcs8(pkcs1)).isEqualTo(pkcs8);
  }

  @Test
  void readsPkcs8EcKeys() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    assertThat(Tls.privateKey(pem("PRIVATE KEY", ec.getPrivate().getEncoded())))
        .isEqualTo(ec.getPrivate());
  }

  @Test
  void leavesOtherKeyFormatsToFabric8() {
    assertThatThrownBy(() -> Tls.privateKey(pem("EC PRIVATE KEY", new byte[] {1, 2, 3})))
        .isInstanceOf(Tls.UnsupportedKeyException.class);
    assertThatThrownBy(() -> Tls.privateKey("not a key".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(Tls.UnsupportedKeyException.class);
  }
}
