package org.openstack.kuryr.neutron.http;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.openstack.kuryr.neutron.auth.AuthSettings;
import org.openstack.kuryr.neutron.auth.Credentials;
import org.openstack.kuryr.neutron.auth.EndpointSelection;
import org.openstack.kuryr.neutron.auth.Secret;
import org.openstack.kuryr.neutron.transport.TlsSettings;

/**
 * Where the test bed's servers are (bed/up.sh): Neutron without authentication, Keystone, and
 * Neutron checking Keystone tokens. Integration tests fail, not skip, when they are not there.
 */
final class TestBed {
  static final URI NEUTRON_NOAUTH =
      URI.create(property("kuryr.it.neutron", "http://127.0.0.1:9696"));
  static final URI KEYSTONE = URI.create(property("kuryr.it.keystone", "http://127.0.0.1:5000"));
  static final URI NEUTRON_KEYSTONE =
      URI.create(property("kuryr.it.neutron-keystone", "http://127.0.0.1:9697"));
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "admin";
  static final String DOMAIN = "Default";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TestBed() {}

  /** A prefix unique to one test run, for names and tags. */
  static String uniquePrefix() {
    return "kuryr-it-client-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static AuthSettings noauth() {
    return new AuthSettings(
        new Credentials.None(),
        EndpointSelection.fixed(NEUTRON_NOAUTH),
        TlsSettings.DEFAULT,
        TIMEOUT);
  }

  static AuthSettings password(String user, String password, String project) {
    var credentials =
        new Credentials.Password(
            URI.create(KEYSTONE + "/v3"),
            new Credentials.User(null, user, null, DOMAIN),
            new Secret(password),
            new Credentials.ProjectScope(null, project, null, DOMAIN));
    return new AuthSettings(credentials, EndpointSelection.catalog(), TlsSettings.DEFAULT, TIMEOUT);
  }

  static AuthSettings admin() {
    return password(ADMIN, ADMIN_PASSWORD, ADMIN);
  }

  private static String property(String name, String defaultValue) {
    return System.getProperty(name, defaultValue);
  }
}
