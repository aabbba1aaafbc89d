package dev.gantry.operator.cli;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for the CLI's API client from kubeconfig PEM: the CA to trust and the client certificate to
 * present. The key goes straight to the handshake through a key manager of our own: putting it in a
 * password-protected PKCS12 key store, as a KeyManagerFactory wants, costs a PBKDF2 derivation
 * (about 60 ms under C1) for nothing.
 */
final class Tls {

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");

  private Tls() {}

  static SSLSocketFactory socketFactory(KubeConfig config) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    ClientKey clientKey =
        config.clientCertificate() == null
            ? null
            : new ClientKey(
                privateKey(config.clientKey()), certificates(config.clientCertificate()));
    context.init(
        clientKey == null ? null : new ClientKey[] {clientKey}, trustManagers(config), null);
    return context.getSocketFactory();
  }

  private static TrustManager[] trustManagers(KubeConfig config) throws GeneralSecurityException {
    if (config.insecure()) {
      return new TrustManager[] {new TrustingEveryone()};
    }
    if (config.certificateAuthority() == null) {
      return null; // the JDK's own trust store
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    int i = 0;
    for (X509Certificate ca : certificates(config.certificateAuthority())) {
      store.setCertificateEntry("ca-" + i++, ca);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  static List<X509Certificate> certificates(byte[] pem) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certificates = new ArrayList<>();
    for (var c : factory.generateCertificates(new ByteArrayInputStream(pem))) {
      certificates.add((X509Certificate) c);
    }
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException("no certificate in PEM");
    }
    return certificates;
  }

  /**
   * An RSA or EC key in PKCS#8 ({@code BEGIN PRIVATE KEY}), or an RSA key in PKCS#1 ({@code BEGIN
   * RSA PRIVATE KEY}, what older openssl writes); anything else is an {@link
   * UnsupportedKeyException}, and the CLI lets fabric8 read it.
   */
  static PrivateKey privateKey(byte[] pem) throws GeneralSecurityException {
    Matcher m = PEM.matcher(new String(pem, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new UnsupportedKeyException("no PEM private key");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2).strip());
    return switch (m.group(1)) {
      case "PRIVATE KEY" -> pkcs8(der);
      case "RSA PRIVATE KEY" ->
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(rsaPkcs8(der)));
      default -> throw new UnsupportedKeyException("unsupported key type " + m.group(1));
    };
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    var spec = new PKCS8EncodedKeySpec(der);
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (java.security.spec.InvalidKeySpecException notRsa) {
      return KeyFactory.getInstance("EC").generatePrivate(spec);
    }
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption). */
  static byte[] rsaPkcs8(byte[] pkcs1) {
    byte[] algorithm = {
      0x02,
      0x01,
      0x00, // INTEGER 0
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
      0x00 // SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }
    };
    byte[] octets = tlv(0x04, pkcs1);
    byte[] body = new byte[algorithm.length + octets.length];
    System.arraycopy(algorithm, 0, body, 0, algorithm.length);
    System.arraycopy(octets, 0, body, algorithm.length, octets.length);
    return tlv(0x30, body);
  }

  private static byte[] tlv(int tag, byte[] value) {
    int n = value.length;
    byte[] length;
    if (n < 0x80) {
      length = new byte[] {(byte) n};
    } else if (n < 0x100) {
      length = new byte[] {(byte) 0x81, (byte) n};
    } else if (n < 0x10000) {
      length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    } else {
      length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
    byte[] out = new byte[1 + length.length + n];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(value, 0, out, 1 + length.length, n);
    return out;
  }

  /** A key format the CLI's own client does not read; fabric8 may. */
  static final class UnsupportedKeyException extends GeneralSecurityException {
    UnsupportedKeyException(String message) {
      super(message);
    }
  }

  /** Presents the one client certificate of the kubeconfig's user, whatever the server asks. */
  private static final class ClientKey extends X509ExtendedKeyManager {
    private static final String ALIAS = "kubeconfig";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    ClientKey(PrivateKey key, List<X509Certificate> chain) {
      this.key = key;
      this.chain = chain.toArray(X509Certificate[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine e) {
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return chain.clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key;
    }
  }

  /** {@code insecure-skip-tls-verify: true}: the kubeconfig's author chose to trust any server. */
  private static final class TrustingEveryone implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
