package org.openstack.kuryr.neutron.http;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.auth.AuthSession;
import org.openstack.kuryr.neutron.transport.ErrorBody;
import org.openstack.kuryr.neutron.transport.Exchange;
import org.openstack.kuryr.neutron.transport.HttpTransport;
import org.openstack.kuryr.neutron.transport.Json;
import org.openstack.kuryr.neutron.transport.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Sends {@link Call}s to Neutron: adds the token, turns error answers into exceptions, parses JSON.
 * After a 401 it forgets the token and tries once more with a fresh one, which is safe for any
 * method because Keystone's middleware refuses the request before Neutron acts on it.
 *
 * <p>Thread-safe.
 */
final class NeutronCalls {
  private final HttpTransport transport;
  private final AuthSession session;

  NeutronCalls(HttpTransport transport, AuthSession session) {
    this.transport = transport;
    this.session = session;
  }

  /**
   * Sends the call and parses the answer; an empty answer (204) gives a missing node.
   *
   * @throws NeutronException for an error answer or no answer
   */
  JsonNode json(Call call) {
    Response response = send(call);
    if (response.body().isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.parse(response.body());
    } catch (JacksonException e) {
      throw malformed(call, response.status(), e);
    }
  }

  /**
   * Converts part of an answer to the call into a record.
   *
   * @throws NeutronException.Unavailable when it does not fit
   */
  <T> T convert(Call call, JsonNode node, Class<T> type) {
    try {
      return Json.convert(node, type);
    } catch (JacksonException e) {
      throw malformed(call, 200, e);
    }
  }

  private Response send(Call call) {
    Optional<String> token = session.token();
    Exchange exchange = exchange(call, token);
    Response response = transport.send(exchange);
    if (response.status() == 401 && token.isPresent()) {
      session.tokenRejected(token.get());
      exchange = exchange(call, session.token());
      response = transport.send(exchange);
    }
    if (!response.isSuccess()) {
      throw ErrorBody.toException(exchange, response);
    }
    return response;
  }

  private Exchange exchange(Call call, Optional<String> token) {
    Map<String, String> headers = new HashMap<>(call.headers());
    token.ifPresent(value -> headers.put("X-Auth-Token", value));
    URI uri = URI.create(session.networkEndpoint() + call.path());
    return new Exchange(
        "network",
        call.method(),
        uri,
        headers,
        call.body() == null ? null : Json.write(call.body()),
        call.resourceLabel(),
        call.verb(),
        call.resourceName(),
        call.resourceId(),
        Exchange.isIdempotent(call.method()));
  }

  // The request went through (2xx) even though its answer is unreadable: a create did happen.
  private static NeutronException.Unavailable malformed(Call call, int status, JacksonException e) {
    var failure =
        new NeutronException.Failure(
            call.verb(),
            call.resourceName(),
            call.resourceId(),
            status,
            null,
            "unreadable answer: " + e.getOriginalMessage());
    return new NeutronException.Unavailable(failure, true, e);
  }
}
