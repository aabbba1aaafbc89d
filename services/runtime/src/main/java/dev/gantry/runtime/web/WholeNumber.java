package dev.gantry.runtime.web;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An integer field read strictly: {@code 2} and {@code 2.0} are 2, while {@code 1.5}, {@code "2"}
 * and values beyond an int are refused instead of being truncated or coerced. Put on a request
 * field with {@code @Deserializable(using = WholeNumber.class)}.
 */
@Singleton
public class WholeNumber implements Deserializer<Integer> {
  static final String MESSAGE = "must be a whole number";
  private static final BigDecimal MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

  @Override
  public Integer deserialize(
      Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
    Object value = decoder.decodeArbitrary();
    BigDecimal number = asDecimal(value);
    if (number == null || number.stripTrailingZeros().scale() > 0) {
      throw new NotAWholeNumber(type.getName(), MESSAGE + ", not " + describe(value));
    }
    if (number.compareTo(MIN) < 0 || number.compareTo(MAX) > 0) {
      throw new NotAWholeNumber(type.getName(), MESSAGE + " from -2147483648 to 2147483647");
    }
    return number.intValue();
  }

  /** A value that is not an int, with the property it was sent for. */
  public static final class NotAWholeNumber extends SerdeException {
    private final String field;
    private final String reason;

    NotAWholeNumber(String field, String reason) {
      super(field + " " + reason);
      this.field = field;
      this.reason = reason;
    }

    public String field() {
      return field;
    }

    public String reason() {
      return reason;
    }
  }

  private static String describe(Object value) {
    return value instanceof String text ? "the text \"" + text + "\"" : String.valueOf(value);
  }

  private static BigDecimal asDecimal(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if ((value instanceof Double || value instanceof Float)
        && Double.isFinite(((Number) value).doubleValue())) {
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    return null;
  }
}
