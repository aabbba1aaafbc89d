package dev.gantry.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenReviewLoginTest {

  @ParameterizedTest
  @CsvSource({
    "scopes, scopes",
    "authentication.kubernetes.io/credential-id, authentication.kubernetes.io%2Fcredential-id",
    "a b%c, a%20b%25c",
    "ünï, %C3%BCn%C3%AF"
  })
  void percentEncodesWhatAHeaderNameCannotHold(String key, String header) {
    assertThat(TokenReviewLogin.headerSafe(key)).isEqualTo(header);
  }
}
