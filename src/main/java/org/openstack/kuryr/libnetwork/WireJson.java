package org.openstack.kuryr.libnetwork;

import org.openstack.kuryr.error.InvalidRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON as Docker's Go client writes and reads it. */
final class WireJson {
  // Go's encoding/json matches field names case-insensitively and ignores unknown fields, so
  // engines rely on neither exact case nor a closed set of fields.
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private WireJson() {}

  /**
   * Reads a request body.
   *
   * @throws InvalidRequestException when the body is empty or not the expected JSON
   */
  static <T> T read(byte[] body, Class<T> type, String call) {
    if (body.length == 0) {
      throw new InvalidRequestException("missing request body for " + call);
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new InvalidRequestException("missing request body for " + call);
      }
      return value;
    } catch (JacksonException e) {
      throw invalid(e, call);
    }
  }

  // A record's constructor rejects a missing field with its own message; Jackson wraps it.
  private static InvalidRequestException invalid(JacksonException e, String call) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidRequestException invalid) {
        return new InvalidRequestException(call + ": " + invalid.getMessage(), e);
      }
    }
    return new InvalidRequestException(
        "malformed " + call + " request: " + e.getOriginalMessage(), e);
  }

  static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }
}
