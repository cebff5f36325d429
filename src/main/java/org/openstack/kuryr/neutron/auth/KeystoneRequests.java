package org.openstack.kuryr.neutron.auth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bodies of Keystone v3's {@code POST /v3/auth/tokens}, one per method. Stateless. */
final class KeystoneRequests {
  private KeystoneRequests() {}

  /** The tokens URL under Keystone's URL, whether or not that already ends in {@code /v3}. */
  static URI tokensUrl(URI authUrl) {
    String text = authUrl.toString().replaceAll("/+$", "");
    return URI.create(text + (text.endsWith("/v3") ? "" : "/v3") + "/auth/tokens");
  }

  static Map<String, Object> body(Credentials credentials) {
    return switch (credentials) {
      case Credentials.Password p -> password(p);
      case Credentials.ApplicationCredential a -> applicationCredential(a);
      case Credentials.Token t -> token(t);
      case Credentials.None n ->
          throw new IllegalArgumentException("noauth does not authenticate to Keystone");
    };
  }

  /** Who is authenticating, for messages: never a secret. */
  static String principal(Credentials credentials) {
    return switch (credentials) {
      case Credentials.Password p -> "user " + describe(p.user());
      case Credentials.ApplicationCredential a ->
          "application credential " + (a.id() != null ? a.id() : a.name());
      case Credentials.Token t -> "the configured token";
      case Credentials.None n -> "noauth";
    };
  }

  private static Map<String, Object> password(Credentials.Password credentials) {
    Map<String, Object> user = user(credentials.user());
    user.put("password", credentials.password().value());
    Map<String, Object> identity = identity("password", Map.of("user", user));
    return auth(identity, credentials.scope());
  }

  // An application credential is bound to its project: Keystone refuses a scope with it.
  private static Map<String, Object> applicationCredential(
      Credentials.ApplicationCredential credentials) {
    var credential = new LinkedHashMap<String, Object>();
    if (credentials.id() != null) {
      credential.put("id", credentials.id());
    } else {
      credential.put("name", credentials.name());
      credential.put("user", user(credentials.user()));
    }
    credential.put("secret", credentials.secret().value());
    return auth(identity("application_credential", credential), null);
  }

  private static Map<String, Object> token(Credentials.Token credentials) {
    Map<String, Object> identity = identity("token", Map.of("id", credentials.token().value()));
    return auth(identity, credentials.scope());
  }

  private static Map<String, Object> identity(String method, Map<String, Object> details) {
    var identity = new LinkedHashMap<String, Object>();
    identity.put("methods", List.of(method));
    identity.put(method, details);
    return identity;
  }

  private static Map<String, Object> auth(
      Map<String, Object> identity, Credentials.ProjectScope scope) {
    var auth = new LinkedHashMap<String, Object>();
    auth.put("identity", identity);
    if (scope != null && scope.isPresent()) {
      auth.put("scope", Map.of("project", project(scope)));
    }
    return Map.of("auth", auth);
  }

  private static Map<String, Object> user(Credentials.User user) {
    return named(user.id(), user.name(), user.domainId(), user.domainName());
  }

  private static Map<String, Object> project(Credentials.ProjectScope scope) {
    return named(scope.id(), scope.name(), scope.domainId(), scope.domainName());
  }

  // Keystone identifies by id alone when one is given; a name needs its domain.
  private static Map<String, Object> named(
      String id, String name, String domainId, String domainName) {
    var map = new LinkedHashMap<String, Object>();
    if (id != null) {
      map.put("id", id);
      return map;
    }
    map.put("name", name);
    if (domainId != null) {
      map.put("domain", Map.of("id", domainId));
    } else if (domainName != null) {
      map.put("domain", Map.of("name", domainName));
    }
    return map;
  }

  private static String describe(Credentials.User user) {
    if (user.id() != null) {
      return user.id();
    }
    String domain = user.domainId() != null ? user.domainId() : user.domainName();
    return user.name() + " in domain " + domain;
  }
}
