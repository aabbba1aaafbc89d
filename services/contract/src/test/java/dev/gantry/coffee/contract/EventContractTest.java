package dev.gantry.coffee.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire format of each event, written down once: a producer that renames a field or changes a
 * value's form fails here before a consumer in another service fails in production.
 */
class EventContractTest {
  private static final Instant AT = Instant.parse("2026-12-03T10:15:30.123Z");
  private static ApplicationContext context;
  private static ObjectMapper json;
  private static Validator validator;

  @BeforeAll
  static void start() {
    context = ApplicationContext.run();
    json = context.getBean(ObjectMapper.class);
    validator = context.getBean(Validator.class);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void orderPlacedIsWrittenWithTheAgreedFields() throws IOException {
    OrderPlaced event = new OrderPlaced("o-1", "m-1", "latte", 2, AT);

    Map<String, Object> written = written(event);

    assertThat(written).containsOnlyKeys("orderId", "memberId", "item", "quantity", "placedAt");
    assertThat(written.get("quantity")).isEqualTo(2);
    assertThat(Instant.parse((String) written.get("placedAt"))).isEqualTo(AT);
  }

  @Test
  void orderPlacedAsPublishedIsRead() throws IOException {
    String published =
        """
                {"orderId":"o-1","memberId":"m-1","item":"latte","quantity":2,"placedAt":"2026-12-03T10:15:30.123Z"}""";

    assertThat(json.readValue(published, OrderPlaced.class))
        .isEqualTo(new OrderPlaced("o-1", "m-1", "latte", 2, AT));
  }

  @Test
  void orderStatusChangedCarriesItsStatusByName() throws IOException {
    OrderStatusChanged event =
        new OrderStatusChanged(
            "o-1", "m-1", "latte", OrderStatusChanged.Status.REJECTED, "out of milk", AT);

    Map<String, Object> written = written(event);

    assertThat(written).containsOnlyKeys("orderId", "memberId", "item", "status", "reason", "at");
    assertThat(written.get("status")).isEqualTo("REJECTED");
    assertThat(json.readValue(json.writeValueAsString(event), OrderStatusChanged.class))
        .isEqualTo(event);
  }

  @Test
  void anUnknownStatusCannotBeRead() {
    String published =
        """
                {"orderId":"o-1","memberId":"m-1","status":"SPILLED"}""";

    assertThatThrownBy(() -> json.readValue(published, OrderStatusChanged.class))
        .isInstanceOf(IOException.class);
  }

  @Test
  void eachRequiredFieldIsNamedWhenMissing() {
    assertThat(invalidFields(new OrderPlaced(" ", null, "", 0, null)))
        .containsExactly("item", "memberId", "orderId", "quantity");
    assertThat(invalidFields(new OrderStatusChanged("", null, null, null, null, null)))
        .containsExactly("memberId", "orderId", "status");
    assertThat(
            invalidFields(
                new OrderStatusChanged(
                    "o-1", "m-1", null, OrderStatusChanged.Status.READY, null, null)))
        .isEmpty();
  }

  @Test
  void topicsAndEventTypesKeepTheirNames() {
    assertThat(Topics.ALL).containsExactly("order-placed", "order-status");
    assertThat(OrderPlaced.TYPE).isEqualTo("dev.gantry.coffee.OrderPlaced");
    assertThat(OrderStatusChanged.TYPE).isEqualTo("dev.gantry.coffee.OrderStatusChanged");
  }

  private static Map<String, Object> written(Object event) throws IOException {
    return json.readValue(
        json.writeValueAsString(event), Argument.mapOf(String.class, Object.class));
  }

  private static Set<String> invalidFields(Object event) {
    Set<String> fields = new TreeSet<>();
    for (ConstraintViolation<Object> violation : validator.validate(event)) {
      fields.add(violation.getPropertyPath().toString());
    }
    return fields;
  }

  /**
   * The JSON Schemas the API-compatibility gate compares (helm/coffee-shop/files/events) describe
   * the records as they are: every component a property, exactly the non-null ones required, and
   * the status values by name.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theEventSchemasDescribeTheRecords() throws IOException {
    java.nio.file.Path events =
        java.nio.file.Path.of("")
            .toAbsolutePath()
            .getParent()
            .getParent()
            .resolve("helm/coffee-shop/files/events");
    for (var entry :
        Map.of(
                "order-placed.json", OrderPlaced.class,
                "order-status.json", OrderStatusChanged.class)
            .entrySet()) {
      Map<String, Object> schema =
          json.readValue(
              java.nio.file.Files.readString(events.resolve(entry.getKey())),
              Argument.mapOf(String.class, Object.class));
      Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
      Set<String> components = new TreeSet<>();
      Set<String> required = new TreeSet<>();
      for (var component : entry.getValue().getRecordComponents()) {
        components.add(component.getName());
        boolean nullable =
            component
                .getAccessor()
                .isAnnotationPresent(io.micronaut.core.annotation.Nullable.class);
        if (!nullable) {
          required.add(component.getName());
        }
      }
      assertThat(properties.keySet()).as(entry.getKey()).isEqualTo(components);
      assertThat(new TreeSet<>((java.util.List<String>) schema.get("required")))
          .as(entry.getKey() + " required")
          .isEqualTo(required);
    }
    Map<String, Object> status =
        (Map<String, Object>)
            ((Map<String, Object>)
                    json.readValue(
                            java.nio.file.Files.readString(events.resolve("order-status.json")),
                            Argument.mapOf(String.class, Object.class))
                        .get("properties"))
                .get("status");
    assertThat((java.util.List<String>) status.get("enum"))
        .containsExactly(
            java.util.Arrays.stream(OrderStatusChanged.Status.values())
                .map(Enum::name)
                .toArray(String[]::new));
  }
}
