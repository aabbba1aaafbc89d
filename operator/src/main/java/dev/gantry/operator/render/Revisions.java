package dev.gantry.operator.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gantry.operator.api.Microservice;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A revision names one shape of the service's pods: a short hash of the pod template and the
 * configuration it mounts, and of the API contract it serves. Anything that changes the pod (image,
 * env, config, resources, probes, what the operator injects) or the contract (its OpenAPI document
 * or an event schema) gives a new revision and rolls out; replica counts do not.
 */
public final class Revisions {

  /** Stands in for the revision while the template is hashed, since the template names it. */
  private static final String PLACEHOLDER = "revision";

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private Revisions() {}

  /**
   * @param contract the API documents the spec declares, by {@link ApiConfigMaps} key, as they are
   *     now; empty when the spec declares none (and then the hash is what it was before contracts
   *     existed)
   */
  public static String of(Microservice ms, Platform platform, Map<String, String> contract) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(CANONICAL.writeValueAsBytes(PodTemplates.render(ms, platform, PLACEHOLDER)));
      sha.update((byte) 0);
      sha.update(CANONICAL.writeValueAsBytes(new TreeMap<>(ms.getSpec().config())));
      if (!contract.isEmpty()) {
        sha.update((byte) 0);
        sha.update(CANONICAL.writeValueAsBytes(new TreeMap<>(contract)));
      }
      String hex = HexFormat.of().formatHex(sha.digest());
      return hex.substring(0, Microservice.REVISION_LENGTH);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the pod template", e);
    }
  }
}
