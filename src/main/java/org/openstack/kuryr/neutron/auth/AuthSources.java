package org.openstack.kuryr.neutron.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openstack.kuryr.neutron.transport.TlsSettings;

/**
 * Resolves {@link AuthSettings} from the three places OpenStack credentials live, option by option
 * (keystoneauth's names): an {@code OS_*} environment variable wins over the cloud named by {@code
 * OS_CLOUD} in {@code clouds.yaml}, which wins over kuryr.conf's {@code [neutron]} section. Blank
 * values count as unset. Immutable and thread-safe.
 */
public final class AuthSources {
  /** The request timeout when no source sets one. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Map<String, List<String>> ENVIRONMENT = environmentNames();

  private final Map<String, String> environment;
  private final Map<String, String> kuryrConf;
  private final List<Path> cloudsSearchPath;

  private AuthSources(
      Map<String, String> environment, Map<String, String> kuryrConf, List<Path> searchPath) {
    this.environment = Map.copyOf(environment);
    this.kuryrConf = Map.copyOf(kuryrConf);
    this.cloudsSearchPath = List.copyOf(searchPath);
  }

  /**
   * The sources, with the OpenStack clients' {@code clouds.yaml} search path.
   *
   * @param environment the process environment ({@code System.getenv()})
   * @param kuryrConf kuryr.conf's {@code [neutron]} options that are set, by name (see {@code
   *     NeutronAuthOptions.values})
   */
  public static AuthSources of(Map<String, String> environment, Map<String, String> kuryrConf) {
    return new AuthSources(environment, kuryrConf, defaultSearchPath(environment));
  }

  /** The same sources with another {@code clouds.yaml} search path (first file found is read). */
  public AuthSources withCloudsSearchPath(List<Path> searchPath) {
    return new AuthSources(environment, kuryrConf, searchPath);
  }

  /**
   * Where {@code clouds.yaml} is looked for: {@code OS_CLIENT_CONFIG_FILE}, then the current
   * directory, {@code ~/.config/openstack/} and {@code /etc/openstack/}.
   */
  public static List<Path> defaultSearchPath(Map<String, String> environment) {
    var path = new ArrayList<Path>();
    String explicit = environment.get("OS_CLIENT_CONFIG_FILE");
    if (explicit != null && !explicit.isBlank()) {
      path.add(Path.of(explicit));
    }
    String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
    for (Path dir : List.of(Path.of(""), Path.of(home, ".config", "openstack"), etc())) {
      path.add(dir.resolve("clouds.yaml"));
      path.add(dir.resolve("clouds.yml"));
    }
    return path;
  }

  /**
   * The effective settings.
   *
   * @throws IllegalArgumentException when they are incomplete or invalid; the message names the
   *     option
   */
  public AuthSettings resolve() {
    Map<String, String> options = merged();
    Credentials credentials = credentials(options);
    return new AuthSettings(credentials, endpoint(options), tls(options), timeout(options));
  }

  /** Every option by name from the three sources, the highest precedence winning. */
  Map<String, String> merged() {
    var merged = new HashMap<String, String>();
    putSet(merged, kuryrConf);
    putSet(merged, cloud());
    putSet(merged, fromEnvironment());
    return merged;
  }

  private Map<String, String> cloud() {
    String name = environment.get("OS_CLOUD");
    if (name == null || name.isBlank()) {
      return Map.of();
    }
    Path file =
        CloudsYaml.find(cloudsSearchPath)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "OS_CLOUD is '" + name + "' but no clouds.yaml is in " + cloudsSearchPath));
    return CloudsYaml.cloud(file, name);
  }

  private Map<String, String> fromEnvironment() {
    var options = new LinkedHashMap<String, String>();
    ENVIRONMENT.forEach(
        (option, variables) ->
            variables.stream()
                .map(environment::get)
                .filter(v -> v != null && !v.isBlank())
                .findFirst()
                .ifPresent(value -> options.put(option, value)));
    return options;
  }

  private static void putSet(Map<String, String> target, Map<String, String> source) {
    source.forEach(
        (name, value) -> {
          if (value != null && !value.isBlank()) {
            target.put(name, value.strip());
          }
        });
  }

  private static Credentials credentials(Map<String, String> options) {
    String type = authType(options);
    return switch (type) {
      case "password", "v3password" -> password(options);
      case "v3applicationcredential", "applicationcredential", "application_credential" ->
          applicationCredential(options);
      case "token", "v3token" -> token(options);
      case "noauth", "none" -> new Credentials.None();
      default ->
          throw new IllegalArgumentException(
              "unsupported auth_type '"
                  + type
                  + "': use password, v3applicationcredential, token or noauth");
    };
  }

  private static String authType(Map<String, String> options) {
    String type = options.get("auth_type");
    if (type != null) {
      return type.toLowerCase(Locale.ROOT);
    }
    if (options.containsKey("application_credential_secret")) {
      return "v3applicationcredential";
    }
    if (options.containsKey("password")) {
      return "password";
    }
    if (options.containsKey("token")) {
      return "token";
    }
    if (options.containsKey("endpoint_override") && !options.containsKey("auth_url")) {
      return "noauth";
    }
    throw new IllegalArgumentException(
        "no Neutron credentials: set auth_type and its options in kuryr.conf [neutron], in a"
            + " clouds.yaml cloud named by OS_CLOUD, or in OS_* variables");
  }

  private static Credentials password(Map<String, String> options) {
    return new Credentials.Password(
        authUrl(options), user(options), secret(options, "password"), scope(options));
  }

  private static Credentials applicationCredential(Map<String, String> options) {
    return new Credentials.ApplicationCredential(
        authUrl(options),
        options.get("application_credential_id"),
        options.get("application_credential_name"),
        user(options),
        secret(options, "application_credential_secret"));
  }

  private static Credentials token(Map<String, String> options) {
    return new Credentials.Token(authUrl(options), secret(options, "token"), scope(options));
  }

  // keystoneauth's default_domain_* stand in for the user's and project's own domain options.
  private static Credentials.User user(Map<String, String> options) {
    boolean ownDomain =
        options.containsKey("user_domain_id") || options.containsKey("user_domain_name");
    return new Credentials.User(
        options.get("user_id"),
        options.get("username"),
        ownDomain ? options.get("user_domain_id") : options.get("default_domain_id"),
        ownDomain ? options.get("user_domain_name") : options.get("default_domain_name"));
  }

  private static Credentials.ProjectScope scope(Map<String, String> options) {
    boolean ownDomain =
        options.containsKey("project_domain_id") || options.containsKey("project_domain_name");
    return new Credentials.ProjectScope(
        options.get("project_id"),
        options.get("project_name"),
        ownDomain ? options.get("project_domain_id") : options.get("default_domain_id"),
        ownDomain ? options.get("project_domain_name") : options.get("default_domain_name"));
  }

  private static URI authUrl(Map<String, String> options) {
    String url = required(options, "auth_url");
    return uri(url, "auth_url");
  }

  private static Secret secret(Map<String, String> options, String name) {
    return new Secret(required(options, name));
  }

  private static EndpointSelection endpoint(Map<String, String> options) {
    String override = options.get("endpoint_override");
    String type = options.getOrDefault("endpoint_type", "public");
    return new EndpointSelection(
        override == null ? null : uri(override, "endpoint_override"),
        options.get("region_name"),
        EndpointSelection.Interface.parse(type));
  }

  private static TlsSettings tls(Map<String, String> options) {
    return new TlsSettings(
        path(options, "cafile"),
        path(options, "certfile"),
        path(options, "keyfile"),
        bool(options, "insecure"));
  }

  private static Duration timeout(Map<String, String> options) {
    String text = options.get("timeout");
    if (text == null) {
      return DEFAULT_TIMEOUT;
    }
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("timeout must be seconds, got '" + text + "'", e);
    }
  }

  private static Path path(Map<String, String> options, String name) {
    String value = options.get(name);
    return value == null ? null : Path.of(value);
  }

  private static boolean bool(Map<String, String> options, String name) {
    String value = options.getOrDefault(name, "false").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    };
  }

  private static URI uri(String text, String name) {
    try {
      URI uri = URI.create(text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("not an absolute URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not a URL: '" + text + "'", e);
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is needed but not set");
    }
    return value;
  }

  private static Path etc() {
    return Path.of("/etc", "openstack");
  }

  private static Map<String, List<String>> environmentNames() {
    var names = new LinkedHashMap<String, List<String>>();
    names.put("auth_type", List.of("OS_AUTH_TYPE"));
    names.put("auth_url", List.of("OS_AUTH_URL"));
    names.put("username", List.of("OS_USERNAME"));
    names.put("user_id", List.of("OS_USER_ID"));
    names.put("password", List.of("OS_PASSWORD"));
    names.put("user_domain_name", List.of("OS_USER_DOMAIN_NAME"));
    names.put("user_domain_id", List.of("OS_USER_DOMAIN_ID"));
    names.put("project_name", List.of("OS_PROJECT_NAME", "OS_TENANT_NAME"));
    names.put("project_id", List.of("OS_PROJECT_ID", "OS_TENANT_ID"));
    names.put("project_domain_name", List.of("OS_PROJECT_DOMAIN_NAME"));
    names.put("project_domain_id", List.of("OS_PROJECT_DOMAIN_ID"));
    names.put("default_domain_name", List.of("OS_DEFAULT_DOMAIN_NAME"));
    names.put("default_domain_id", List.of("OS_DEFAULT_DOMAIN_ID", "OS_DEFAULT_DOMAIN"));
    names.put("application_credential_id", List.of("OS_APPLICATION_CREDENTIAL_ID"));
    names.put("application_credential_name", List.of("OS_APPLICATION_CREDENTIAL_NAME"));
    names.put("application_credential_secret", List.of("OS_APPLICATION_CREDENTIAL_SECRET"));
    names.put("token", List.of("OS_TOKEN"));
    names.put("endpoint_override", List.of("OS_NETWORK_ENDPOINT_OVERRIDE", "OS_ENDPOINT"));
    names.put("region_name", List.of("OS_REGION_NAME"));
    names.put("endpoint_type", List.of("OS_INTERFACE", "OS_ENDPOINT_TYPE"));
    names.put("cafile", List.of("OS_CACERT"));
    names.put("certfile", List.of("OS_CERT"));
    names.put("keyfile", List.of("OS_KEY"));
    names.put("insecure", List.of("OS_INSECURE"));
    names.put("timeout", List.of("OS_TIMEOUT"));
    return names;
  }
}
