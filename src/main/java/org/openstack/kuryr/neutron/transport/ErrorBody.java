package org.openstack.kuryr.neutron.transport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openstack.kuryr.neutron.NeutronException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The reason an error answer gives: Neutron's {@code NeutronError} ({@code type}, {@code message},
 * {@code detail}), Keystone's {@code error} ({@code title}, {@code message}), or whatever else a
 * proxy or a broken server sent (HTML, text, nothing), reduced to one clear line.
 *
 * @param type Neutron's error type or Keystone's title, or {@code null}
 * @param reason one line for the exception message, never {@code null}
 */
public record ErrorBody(String type, String reason) {
  private static final int MAX_REASON_CHARS = 300;
  private static final Pattern HTML_TITLE =
      Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** The exception for an error answer to the exchange. */
  public static NeutronException toException(Exchange exchange, Response response) {
    ErrorBody body = parse(response.status(), response.body());
    return NeutronException.fromResponse(
        new NeutronException.Failure(
            exchange.verb(),
            exchange.resourceName(),
            exchange.resourceId(),
            response.status(),
            body.type(),
            body.reason()));
  }

  /** Reads the body of an answer with the given status. */
  public static ErrorBody parse(int status, String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.isEmpty()) {
      return new ErrorBody(null, "HTTP " + status + " with an empty body");
    }
    if (trimmed.startsWith("{")) {
      ErrorBody json = fromJson(trimmed);
      if (json != null) {
        return json;
      }
    }
    return new ErrorBody(null, "HTTP " + status + ": " + oneLine(plainText(trimmed)));
  }

  private static ErrorBody fromJson(String text) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (JacksonException e) {
      return null;
    }
    JsonNode neutron = root.path("NeutronError");
    if (neutron.isObject()) {
      return fromFields(neutron.path("type"), neutron.path("message"), neutron.path("detail"));
    }
    JsonNode keystone = root.path("error");
    if (keystone.isObject()) {
      return fromFields(keystone.path("title"), keystone.path("message"), null);
    }
    return null;
  }

  private static ErrorBody fromFields(JsonNode type, JsonNode message, JsonNode detail) {
    String reason = message.isString() ? message.asString() : "no message given";
    if (detail != null && detail.isString() && !detail.asString().isBlank()) {
      reason = reason + " (" + detail.asString() + ")";
    }
    return new ErrorBody(type.isString() ? type.asString() : null, oneLine(reason));
  }

  private static String plainText(String text) {
    Matcher title = HTML_TITLE.matcher(text);
    if (title.find()) {
      return title.group(1);
    }
    return text.replaceAll("<[^>]*>", " ");
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_REASON_CHARS ? line : line.substring(0, MAX_REASON_CHARS) + "...";
  }
}
