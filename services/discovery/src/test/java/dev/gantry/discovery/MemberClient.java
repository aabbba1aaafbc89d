package dev.gantry.discovery;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.annotation.Client;

/** A declarative client resolved by service id, as the coffee-shop services use them. */
@Client(id = "member")
interface MemberClient {
  @Get(value = "/whoami", consumes = "text/plain")
  String whoami();
}
