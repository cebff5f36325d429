package org.openstack.kuryr.neutron.auth;

import java.net.URI;
import java.util.Objects;

/**
 * How to authenticate: one of Keystone v3's methods, or none (a Neutron running with {@code
 * auth_strategy = noauth}). Immutable and thread-safe; {@code toString} masks every secret.
 */
public sealed interface Credentials {

  /**
   * A user, by id, or by name within a domain given by id or name. Any part may be {@code null}.
   *
   * @param id the user's id
   * @param name the user's name
   * @param domainId the user's domain id
   * @param domainName the user's domain name
   */
  record User(String id, String name, String domainId, String domainName) {
    /** Whether Keystone can identify the user from what is given. */
    public boolean isComplete() {
      return id != null || (name != null && (domainId != null || domainName != null));
    }
  }

  /**
   * The project a token is scoped to, by id, or by name within a domain. Any part may be {@code
   * null}; all {@code null} asks for an unscoped token.
   *
   * @param id the project's id
   * @param name the project's name
   * @param domainId the project's domain id
   * @param domainName the project's domain name
   */
  record ProjectScope(String id, String name, String domainId, String domainName) {
    /** Whether any part is given. */
    public boolean isPresent() {
      return id != null || name != null;
    }
  }

  /**
   * Keystone's {@code password} method ({@code auth_type = password}).
   *
   * @param authUrl Keystone's URL, e.g. {@code http://keystone:5000} or {@code .../v3}
   * @param user who
   * @param password the password
   * @param scope the project to scope to
   */
  record Password(URI authUrl, User user, Secret password, ProjectScope scope)
      implements Credentials {
    /** Checks that everything Keystone needs is there. */
    public Password {
      Objects.requireNonNull(authUrl, "auth_url");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(scope, "scope");
      if (user == null || !user.isComplete()) {
        throw new IllegalArgumentException(
            "password authentication needs user_id, or username with user_domain_name or"
                + " user_domain_id");
      }
    }
  }

  /**
   * Keystone's {@code application_credential} method ({@code auth_type = v3applicationcredential}).
   * The credential is bound to its project, so no scope is sent.
   *
   * @param authUrl Keystone's URL
   * @param id the credential's id, or {@code null} when given by name
   * @param name the credential's name, or {@code null} when given by id
   * @param user its owner, needed only with a name
   * @param secret the credential's secret
   */
  record ApplicationCredential(URI authUrl, String id, String name, User user, Secret secret)
      implements Credentials {
    /** Checks that everything Keystone needs is there. */
    public ApplicationCredential {
      Objects.requireNonNull(authUrl, "auth_url");
      Objects.requireNonNull(secret, "application_credential_secret");
      if (id == null && (name == null || user == null || !user.isComplete())) {
        throw new IllegalArgumentException(
            "application credential authentication needs application_credential_id, or"
                + " application_credential_name with the user (user_id, or username and its"
                + " domain)");
      }
    }
  }

  /**
   * Keystone's {@code token} method ({@code auth_type = token}): an existing token exchanged for
   * one scoped to the project. Works until the given token expires.
   *
   * @param authUrl Keystone's URL
   * @param token the existing token
   * @param scope the project to scope to
   */
  record Token(URI authUrl, Secret token, ProjectScope scope) implements Credentials {
    /** Checks that everything Keystone needs is there. */
    public Token {
      Objects.requireNonNull(authUrl, "auth_url");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(scope, "scope");
    }
  }

  /** No authentication ({@code auth_type = noauth}): needs an endpoint override. */
  record None() implements Credentials {}
}
