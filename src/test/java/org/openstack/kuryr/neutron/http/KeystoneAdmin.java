package org.openstack.kuryr.neutron.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.openstack.kuryr.neutron.transport.Json;
import tools.jackson.databind.JsonNode;

/**
 * The bed's Keystone and Neutron spoken to directly, as an administrator would, to set up what the
 * integration tests need: users, role assignments, application credentials, token revocation,
 * quotas.
 */
final class KeystoneAdmin implements AutoCloseable {
  private final String adminToken;

  KeystoneAdmin() {
    this.adminToken = token(TestBed.ADMIN, TestBed.ADMIN_PASSWORD, TestBed.ADMIN);
  }

  /** A project-scoped token for the user (all in domain Default). */
  String token(String user, String password, String project) {
    String body =
        Json.write(
            Map.of(
                "auth",
                Map.of(
                    "identity",
                    Map.of(
                        "methods",
                        java.util.List.of("password"),
                        "password",
                        Map.of(
                            "user",
                            Map.of(
                                "name",
                                user,
                                "domain",
                                Map.of("id", "default"),
                                "password",
                                password))),
                    "scope",
                    Map.of(
                        "project", Map.of("name", project, "domain", Map.of("id", "default"))))));
    HttpResponse<String> response = send("POST", "/v3/auth/tokens", body, null, 201);
    return response.headers().firstValue("X-Subject-Token").orElseThrow();
  }

  String userId(String name) {
    return keystone("GET", "/v3/users?name=" + name, null, 200)
        .path("users")
        .get(0)
        .path("id")
        .asString();
  }

  String projectId(String name) {
    return keystone("GET", "/v3/projects?name=" + name, null, 200)
        .path("projects")
        .get(0)
        .path("id")
        .asString();
  }

  String createUser(String name, String password) {
    String body =
        Json.write(
            Map.of("user", Map.of("name", name, "password", password, "domain_id", "default")));
    return keystone("POST", "/v3/users", body, 201).path("user").path("id").asString();
  }

  void deleteUser(String userId) {
    send("DELETE", "/v3/users/" + userId, null, adminToken, 204);
  }

  void grantRole(String projectId, String userId, String roleName) {
    String roleId =
        keystone("GET", "/v3/roles?name=" + roleName, null, 200)
            .path("roles")
            .get(0)
            .path("id")
            .asString();
    send(
        "PUT",
        "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + roleId,
        null,
        adminToken,
        204);
  }

  /** Creates an application credential of the admin user: its id and secret. */
  Map.Entry<String, String> createApplicationCredential(String name) {
    String body = Json.write(Map.of("application_credential", Map.of("name", name)));
    JsonNode credential =
        keystone(
                "POST",
                "/v3/users/" + userId(TestBed.ADMIN) + "/application_credentials",
                body,
                201)
            .path("application_credential");
    return Map.entry(credential.path("id").asString(), credential.path("secret").asString());
  }

  void deleteApplicationCredential(String id) {
    send(
        "DELETE",
        "/v3/users/" + userId(TestBed.ADMIN) + "/application_credentials/" + id,
        null,
        adminToken,
        204);
  }

  /** Revokes a token (DELETE /v3/auth/tokens). */
  void revoke(String token) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(TestBed.KEYSTONE + "/v3/auth/tokens"))
            .header("X-Auth-Token", adminToken)
            .header("X-Subject-Token", token)
            .DELETE()
            .build();
    expect(request, 204);
  }

  /** Sets a project's Neutron quota on one resource, through the noauth Neutron. */
  void setNeutronQuota(String projectId, String resource, int limit) {
    String body = Json.write(Map.of("quota", Map.of(resource, limit)));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(TestBed.NEUTRON_NOAUTH + "/v2.0/quotas/" + projectId))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    expect(request, 200);
  }

  /** Puts a project's Neutron quotas back to the defaults. */
  void resetNeutronQuota(String projectId) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(TestBed.NEUTRON_NOAUTH + "/v2.0/quotas/" + projectId))
            .DELETE()
            .build();
    expect(request, 204);
  }

  @Override
  public void close() {
    // Nothing held between requests.
  }

  private JsonNode keystone(String method, String path, String body, int expected) {
    return Json.parse(send(method, path, body, adminToken, expected).body());
  }

  private HttpResponse<String> send(
      String method, String path, String body, String token, int expected) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(TestBed.KEYSTONE + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      builder.header("X-Auth-Token", token);
    }
    return expect(builder.build(), expected);
  }

  // A client per request: a server that closes idle connections without saying so would make a
  // reused connection fail, and this helper is not the code under test.
  private HttpResponse<String> expect(HttpRequest request, int expected) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new AssertionError(
            request.method()
                + " "
                + request.uri()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new AssertionError("the bed's Keystone or Neutron cannot be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
