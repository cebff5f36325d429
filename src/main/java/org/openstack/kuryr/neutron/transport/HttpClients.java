package org.openstack.kuryr.neutron.transport;

import java.net.http.HttpClient;
import java.time.Duration;

/** Builds the JDK HTTP client shared by Keystone and Neutron requests. Stateless. */
public final class HttpClients {
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private HttpClients() {}

  /**
   * A client with the TLS settings and a connect timeout of at most {@code requestTimeout}.
   *
   * @throws IllegalArgumentException when the TLS files cannot be used
   */
  // HTTP/1.1 only: Neutron's and Keystone's WSGI servers do not speak HTTP/2, and the JDK's
  // attempt to upgrade a plain connection costs a header every server must ignore.
  public static HttpClient create(TlsSettings tls, Duration requestTimeout) {
    Duration connectTimeout =
        requestTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? requestTimeout : MAX_CONNECT_TIMEOUT;
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(TlsContexts.create(tls))
        .build();
  }
}
