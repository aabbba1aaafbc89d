package dev.gantry.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings for etcd's TLS and credentials that cannot work, or would be unsafe, are refused. */
class EtcdAccessTest {
  private static final List<String> HTTPS = List.of("https://10.0.0.5:2379");

  @TempDir Path dir;

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void credentialsOverTlsAreAccepted() throws Exception {
    var access =
        new EtcdAccess(
                Optional.of(file("ca.crt", "pem")),
                Optional.empty(),
                Optional.empty(),
                Optional.of("order"),
                Optional.of(file("password", "s3cret\n")))
            .validatedFor(HTTPS);
    assertThat(access.tls()).isTrue();
    assertThat(access.password()).as("read from the file, trimmed").contains("s3cret");
  }

  @Test
  void credentialsAreNeverSentInClear() throws Exception {
    var access =
        new EtcdAccess(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("order"),
            Optional.of(file("password", "s3cret")));
    assertThatThrownBy(() -> access.validatedFor(List.of("http://10.0.0.5:2379")))
        .hasMessageContaining("GANTRY_ETCD_ENDPOINTS must all be https://");
  }

  @Test
  void halfASettingIsRefusedByName() throws Exception {
    Path cert = file("tls.crt", "pem");
    assertThatThrownBy(
            () ->
                new EtcdAccess(
                        Optional.empty(),
                        Optional.of(cert),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())
                    .validatedFor(HTTPS))
        .hasMessageContaining("GANTRY_ETCD_KEY_FILE");
    assertThatThrownBy(
            () ->
                new EtcdAccess(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("order"),
                        Optional.empty())
                    .validatedFor(HTTPS))
        .hasMessageContaining("GANTRY_ETCD_PASSWORD_FILE");
    assertThatThrownBy(
            () ->
                new EtcdAccess(
                        Optional.of(dir.resolve("missing.crt")),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())
                    .validatedFor(HTTPS))
        .hasMessageContaining("cannot read")
        .hasMessageContaining("missing.crt");
  }

  @Test
  void nothingSetIsPlainEtcd() {
    assertThat(EtcdAccess.NONE.validatedFor(List.of("http://127.0.0.1:2379")).tls()).isFalse();
  }
}
