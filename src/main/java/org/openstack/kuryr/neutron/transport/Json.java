package org.openstack.kuryr.neutron.transport;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping shared by Keystone and Neutron: snake_case names for record components, unknown
 * attributes ignored (Neutron adds some with every extension). Thread-safe.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private Json() {}

  /** Writes a value (maps, lists, strings, numbers, booleans, records) as JSON text. */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /**
   * Parses JSON text into a tree.
   *
   * @throws JacksonException when the text is not JSON
   */
  public static JsonNode parse(String text) {
    return MAPPER.readTree(text);
  }

  /**
   * Converts a tree into a record.
   *
   * @throws JacksonException when the tree does not fit the type
   */
  public static <T> T convert(JsonNode node, Class<T> type) {
    return MAPPER.treeToValue(node, type);
  }
}
