package org.openstack.kuryr.neutron.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads one cloud of a {@code clouds.yaml} file (the format of the OpenStack clients), merged with
 * the same cloud of a {@code secure.yaml} beside it, into keystoneauth option names: {@code auth:}
 * entries keep their names, {@code cacert}/{@code cert}/{@code key} become {@code cafile}/{@code
 * certfile}/{@code keyfile}, {@code verify: false} becomes {@code insecure}, {@code interface}
 * becomes {@code endpoint_type}, {@code api_timeout} becomes {@code timeout}, and {@code
 * network_endpoint_override} (or {@code auth: endpoint}) becomes {@code endpoint_override}. Vendor
 * {@code profile}s are not read. Stateless.
 */
final class CloudsYaml {
  private static final YAMLMapper YAML = new YAMLMapper();

  private static final Map<String, String> CLOUD_KEYS =
      Map.ofEntries(
          Map.entry("auth_type", "auth_type"),
          Map.entry("region_name", "region_name"),
          Map.entry("interface", "endpoint_type"),
          Map.entry("endpoint_type", "endpoint_type"),
          Map.entry("cacert", "cafile"),
          Map.entry("cert", "certfile"),
          Map.entry("key", "keyfile"),
          Map.entry("insecure", "insecure"),
          Map.entry("api_timeout", "timeout"),
          Map.entry("timeout", "timeout"),
          Map.entry("network_endpoint_override", "endpoint_override"),
          Map.entry("endpoint_override", "endpoint_override"));

  private static final Map<String, String> AUTH_KEYS =
      Map.of(
          "endpoint", "endpoint_override",
          "tenant_name", "project_name",
          "tenant_id", "project_id");

  private CloudsYaml() {}

  /** The first file of the search path that exists. */
  static Optional<Path> find(List<Path> searchPath) {
    return searchPath.stream().filter(Files::isRegularFile).findFirst();
  }

  /**
   * The options of the named cloud.
   *
   * @throws IllegalArgumentException when the file cannot be read or has no such cloud
   */
  static Map<String, String> cloud(Path file, String name) {
    ObjectNode cloud = cloudNode(file, name, true);
    Path secure = file.resolveSibling("secure.yaml");
    if (Files.isRegularFile(secure)) {
      ObjectNode secrets = cloudNode(secure, name, false);
      if (secrets != null) {
        merge(cloud, secrets);
      }
    }
    return options(cloud);
  }

  private static ObjectNode cloudNode(Path file, String name, boolean required) {
    JsonNode root = readTree(file);
    JsonNode cloud = root.path("clouds").path(name);
    if (cloud.isObject()) {
      return (ObjectNode) cloud;
    }
    if (!required) {
      return null;
    }
    throw new IllegalArgumentException(
        file + " has no cloud '" + name + "' (OS_CLOUD); it has: " + cloudNames(root));
  }

  private static JsonNode readTree(Path file) {
    try {
      return YAML.readTree(Files.readString(file));
    } catch (IOException | JacksonException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<String> cloudNames(JsonNode root) {
    return root.path("clouds").propertyNames().stream().toList();
  }

  private static void merge(ObjectNode target, ObjectNode overrides) {
    for (var entry : overrides.properties()) {
      JsonNode existing = target.get(entry.getKey());
      if (existing instanceof ObjectNode object && entry.getValue() instanceof ObjectNode more) {
        merge(object, more);
      } else {
        target.set(entry.getKey(), entry.getValue());
      }
    }
  }

  private static Map<String, String> options(ObjectNode cloud) {
    var options = new LinkedHashMap<String, String>();
    for (var entry : cloud.path("auth").properties()) {
      String name = AUTH_KEYS.getOrDefault(entry.getKey(), entry.getKey());
      putScalar(options, name, entry.getValue());
    }
    for (var entry : cloud.properties()) {
      String name = CLOUD_KEYS.get(entry.getKey());
      if (name != null) {
        putScalar(options, name, entry.getValue());
      }
    }
    String verify = cloud.path("verify").asString("");
    if (verify.equalsIgnoreCase("true") || verify.equalsIgnoreCase("false")) {
      options.put("insecure", String.valueOf(verify.equalsIgnoreCase("false")));
    }
    return options;
  }

  private static void putScalar(Map<String, String> options, String name, JsonNode value) {
    if (value.isValueNode() && !value.isNull()) {
      options.put(name, value.asString());
    }
  }
}
