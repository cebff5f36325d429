package org.openstack.kuryr.libnetwork.api;

import java.util.regex.Pattern;
import org.openstack.kuryr.error.InvalidRequestException;

/** Checks of required request fields, shared by the request records. */
final class Fields {
  // Docker's IDs are 64 hex characters; swarm-scoped networks use 25 characters of [0-9a-z].
  private static final Pattern DOCKER_ID = Pattern.compile("[0-9a-zA-Z]{1,64}");

  private Fields() {}

  static String requireDockerId(String value, String field) {
    require(value, field);
    if (!DOCKER_ID.matcher(value).matches()) {
      throw new InvalidRequestException(
          "invalid " + field + " '" + value + "': expected up to 64 letters and digits");
    }
    return value;
  }

  static String require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException("missing required field " + field);
    }
    return value;
  }

  static <T> T require(T value, String field) {
    if (value == null) {
      throw new InvalidRequestException("missing required field " + field);
    }
    return value;
  }
}
