package org.openstack.kuryr.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of kuryr.conf's {@code [neutron]} section that say how to reach and authenticate to
 * Neutron. They carry keystoneauth's names, so the files written for the original Python Kuryr keep
 * working. {@code OS_*} environment variables and a {@code clouds.yaml} cloud override them option
 * by option (see docs/neutron-credentials.md).
 */
public final class NeutronAuthOptions {
  private NeutronAuthOptions() {}

  private static final String NEUTRON = "neutron";

  public static final Option<String> AUTH_TYPE =
      string("auth_type")
          .help(
              "How to authenticate: 'password', 'v3applicationcredential', 'token', or 'noauth'"
                  + " (Neutron without Keystone, needs endpoint_override). Empty: guessed from the"
                  + " options that are set.")
          .deprecatedNames("auth_plugin")
          .build();

  public static final Option<String> AUTH_URL =
      string("auth_url").help("Keystone's URL, e.g. http://keystone:5000/v3.").build();

  public static final Option<String> USERNAME =
      string("username").help("User name (password authentication).").build();

  public static final Option<String> USER_ID =
      string("user_id").help("User id, instead of username and its domain.").build();

  public static final Option<String> PASSWORD =
      string("password").help("The user's password.").secret().build();

  public static final Option<String> USER_DOMAIN_NAME =
      string("user_domain_name").help("Domain of username, by name.").build();

  public static final Option<String> USER_DOMAIN_ID =
      string("user_domain_id").help("Domain of username, by id.").build();

  public static final Option<String> PROJECT_NAME =
      string("project_name")
          .help("Project to scope the token to, by name.")
          .deprecatedNames("tenant_name")
          .build();

  public static final Option<String> PROJECT_ID =
      string("project_id")
          .help("Project to scope the token to, by id.")
          .deprecatedNames("tenant_id")
          .build();

  public static final Option<String> PROJECT_DOMAIN_NAME =
      string("project_domain_name").help("Domain of project_name, by name.").build();

  public static final Option<String> PROJECT_DOMAIN_ID =
      string("project_domain_id").help("Domain of project_name, by id.").build();

  public static final Option<String> DEFAULT_DOMAIN_NAME =
      string("default_domain_name")
          .help("Domain of the user and the project when their own domain options are unset.")
          .build();

  public static final Option<String> DEFAULT_DOMAIN_ID =
      string("default_domain_id")
          .help("Domain id of the user and the project when their own domain options are unset.")
          .build();

  public static final Option<String> APPLICATION_CREDENTIAL_ID =
      string("application_credential_id").help("Application credential, by id.").build();

  public static final Option<String> APPLICATION_CREDENTIAL_NAME =
      string("application_credential_name")
          .help("Application credential, by name (with the user that owns it).")
          .build();

  public static final Option<String> APPLICATION_CREDENTIAL_SECRET =
      string("application_credential_secret")
          .help("The application credential's secret.")
          .secret()
          .build();

  public static final Option<String> TOKEN =
      string("token")
          .help("An existing token (auth_type token), exchanged for a project-scoped one.")
          .secret()
          .build();

  public static final Option<String> ENDPOINT_OVERRIDE =
      string("endpoint_override")
          .help("Neutron's URL, used instead of the one in Keystone's catalog.")
          .build();

  public static final Option<String> REGION_NAME =
      string("region_name").help("Region of Neutron's endpoint in Keystone's catalog.").build();

  public static final Option<String> ENDPOINT_TYPE =
      Option.of(NEUTRON, "endpoint_type", OptionType.choice(interfaces()))
          .defaultValue("public")
          .help("Which of Neutron's catalog endpoints to use.")
          .deprecatedNames("interface")
          .build();

  public static final Option<String> CAFILE =
      string("cafile")
          .help("PEM file of the CAs to trust for Keystone and Neutron. Empty: the system's.")
          .build();

  public static final Option<String> CERTFILE =
      string("certfile").help("PEM client certificate presented to Keystone and Neutron.").build();

  public static final Option<String> KEYFILE =
      string("keyfile").help("PEM private key (PKCS#8 or PKCS#1 RSA) of certfile.").build();

  public static final Option<Boolean> INSECURE =
      Option.of(NEUTRON, "insecure", OptionType.BOOLEAN)
          .defaultValue(false)
          .help("Do not verify the servers' certificates. For tests only.")
          .build();

  public static final Option<Duration> TIMEOUT =
      Option.of(
              NEUTRON,
              "timeout",
              OptionType.seconds(Duration.ofMillis(100), Duration.ofMinutes(10)))
          .defaultValue(Duration.ofSeconds(30))
          .help("Longest time one request to Keystone or Neutron may take, connecting included.")
          .build();

  /** Every option declared here, in the order of the sample file. */
  public static List<Option<?>> all() {
    return List.of(
        AUTH_TYPE,
        AUTH_URL,
        USERNAME,
        USER_ID,
        PASSWORD,
        USER_DOMAIN_NAME,
        USER_DOMAIN_ID,
        PROJECT_NAME,
        PROJECT_ID,
        PROJECT_DOMAIN_NAME,
        PROJECT_DOMAIN_ID,
        DEFAULT_DOMAIN_NAME,
        DEFAULT_DOMAIN_ID,
        APPLICATION_CREDENTIAL_ID,
        APPLICATION_CREDENTIAL_NAME,
        APPLICATION_CREDENTIAL_SECRET,
        TOKEN,
        ENDPOINT_OVERRIDE,
        REGION_NAME,
        ENDPOINT_TYPE,
        CAFILE,
        CERTFILE,
        KEYFILE,
        INSECURE,
        TIMEOUT);
  }

  /**
   * The options set in the files (defaults left out), by their keystoneauth names, as text: the
   * lowest-precedence source of Neutron credentials. Values are validated by their types first.
   *
   * @throws ConfigException when a value is invalid
   */
  public static Map<String, String> values(Config config) {
    var values = new LinkedHashMap<String, String>();
    for (Option<?> option : all()) {
      if (config.isSet(option)) {
        values.put(option.name(), text(config, option));
      }
    }
    return values;
  }

  private static <T> String text(Config config, Option<T> option) {
    return option.type().format(config.get(option));
  }

  private static Option.Builder<String> string(String name) {
    return Option.of(NEUTRON, name, OptionType.STRING);
  }

  private static String[] interfaces() {
    return new String[] {"public", "internal", "admin", "publicURL", "internalURL", "adminURL"};
  }
}
