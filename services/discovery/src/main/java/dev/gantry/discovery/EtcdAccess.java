package dev.gantry.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the service proves itself to etcd and trusts it. The operator sets these from a Secret the
 * platform engineer names in its configuration — never from a team's spec.
 *
 * @param caFile {@code GANTRY_ETCD_CA_FILE}: PEM certificates to trust for {@code https} endpoints
 *     (default: the JVM's trust store)
 * @param certFile {@code GANTRY_ETCD_CERT_FILE}: a client certificate (PEM), for an etcd that
 *     requires one
 * @param keyFile {@code GANTRY_ETCD_KEY_FILE}: its PKCS#8 private key (PEM)
 * @param username {@code GANTRY_ETCD_USERNAME}: the etcd user, when etcd's authentication is on
 * @param passwordFile {@code GANTRY_ETCD_PASSWORD_FILE}: a file holding the user's password (a
 *     mounted Secret: it is read at each connection, never kept in the environment)
 */
public record EtcdAccess(
    Optional<Path> caFile,
    Optional<Path> certFile,
    Optional<Path> keyFile,
    Optional<String> username,
    Optional<Path> passwordFile) {

  public static final EtcdAccess NONE =
      new EtcdAccess(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * Refuses settings that cannot work or would be unsafe, naming the setting: half a client
   * certificate, a user without a password, TLS material for plain-text endpoints, or a password
   * sent in clear.
   */
  public EtcdAccess validatedFor(List<String> endpoints) {
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException(
          "GANTRY_ETCD_CERT_FILE and GANTRY_ETCD_KEY_FILE go together: a client certificate needs"
              + " its key");
    }
    if (username.isPresent() != passwordFile.isPresent()) {
      throw new IllegalArgumentException(
          "GANTRY_ETCD_USERNAME and GANTRY_ETCD_PASSWORD_FILE go together");
    }
    boolean plain = endpoints.stream().anyMatch(e -> !"https".equals(URI.create(e).getScheme()));
    boolean secured = caFile.isPresent() || certFile.isPresent() || username.isPresent();
    if (plain && secured) {
      throw new IllegalArgumentException(
          "GANTRY_ETCD_ENDPOINTS must all be https:// when TLS files or credentials are set"
              + " (credentials are never sent in clear): "
              + endpoints);
    }
    for (Optional<Path> file : List.of(caFile, certFile, keyFile, passwordFile)) {
      file.filter(f -> !Files.isReadable(f))
          .ifPresent(
              f -> {
                throw new IllegalArgumentException("cannot read " + f);
              });
    }
    return this;
  }

  public boolean tls() {
    return caFile.isPresent() || certFile.isPresent();
  }

  /** The password, read now (a rotated Secret is picked up by the next connection). */
  public Optional<String> password() {
    return passwordFile.map(
        f -> {
          try {
            return Files.readString(f).strip();
          } catch (IOException e) {
            throw new UncheckedIOException("reading GANTRY_ETCD_PASSWORD_FILE " + f, e);
          }
        });
  }
}
