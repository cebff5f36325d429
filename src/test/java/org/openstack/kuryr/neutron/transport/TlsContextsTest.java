package org.openstack.kuryr.neutron.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.NeutronListener;

/** TLS against an in-process HTTPS server that requires a client certificate. */
class TlsContextsTest {
  private final HttpsServer server = startServer();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void serverSignedByTheConfiguredCaIsTrustedAndTheClientCertificateAccepted() {
    var tls =
        new TlsSettings(fixture("ca.pem"), fixture("client.pem"), fixture("client.key"), false);

    assertThat(get(tls).status()).isEqualTo(200);
  }

  @Test
  void pkcs1RsaKeyWorksLikePkcs8() {
    var tls =
        new TlsSettings(
            fixture("ca.pem"), fixture("client.pem"), fixture("client-pkcs1.key"), false);

    assertThat(get(tls).status()).isEqualTo(200);
  }

  @Test
  void serverSignedByAnotherCaIsRefused() {
    var tls =
        new TlsSettings(
            fixture("other-ca.pem"), fixture("client.pem"), fixture("client.key"), false);

    assertThatThrownBy(() -> get(tls)).isInstanceOf(NeutronException.Unavailable.class);
  }

  @Test
  void insecureSkipsVerifyingTheServer() {
    var tls = new TlsSettings(null, fixture("client.pem"), fixture("client.key"), true);

    assertThat(get(tls).status()).isEqualTo(200);
  }

  @Test
  void missingClientCertificateIsRefusedByTheServer() {
    var tls = new TlsSettings(fixture("ca.pem"), null, null, false);

    assertThatThrownBy(() -> get(tls)).isInstanceOf(NeutronException.Unavailable.class);
  }

  @Test
  void unsupportedKeysAndMissingFilesNameTheFile() {
    var sec1 = new TlsSettings(null, fixture("client.pem"), fixture("ec-sec1.key"), false);
    var missing = new TlsSettings(Path.of("/nonexistent/ca.pem"), null, null, false);

    assertThatThrownBy(() -> TlsContexts.create(sec1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ec-sec1.key")
        .hasMessageContaining("openssl pkcs8 -topk8");
    assertThatThrownBy(() -> TlsContexts.create(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/nonexistent/ca.pem");
  }

  @Test
  void certificateWithoutKeyIsRefused() {
    assertThatThrownBy(() -> new TlsSettings(null, fixture("client.pem"), null, false))
        .hasMessageContaining("certfile and keyfile");
  }

  private Response get(TlsSettings tls) {
    var http = HttpClients.create(tls, Duration.ofSeconds(5));
    try (var transport =
        new HttpTransport(http, RetryPolicy.NONE, Duration.ofSeconds(5), NeutronListener.NONE)) {
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
      return transport.send(
          new Exchange(
              "network", "GET", uri, Map.of(), null, "versions", "get", "versions", null, true));
    }
  }

  private static HttpsServer startServer() {
    try {
      var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
      HttpsServer server = HttpsServer.create(address, 0);
      server.setHttpsConfigurator(new RequiringClientCertificates(serverContext()));
      server.createContext(
          "/",
          exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext serverContext() throws IOException, GeneralSecurityException {
    List<X509Certificate> chain = PemFiles.certificates(fixture("server.pem"));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server",
        PemFiles.privateKey(fixture("server.key")),
        new char[0],
        chain.toArray(X509Certificate[]::new));
    var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, new char[0]);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", PemFiles.certificates(fixture("ca.pem")).getFirst());
    var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  private static Path fixture(String name) {
    try {
      return Path.of(TlsContextsTest.class.getResource("/tls/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class RequiringClientCertificates extends HttpsConfigurator {
    RequiringClientCertificates(SSLContext context) {
      super(context);
    }

    @Override
    public void configure(HttpsParameters params) {
      var parameters = getSSLContext().getDefaultSSLParameters();
      parameters.setNeedClientAuth(true);
      params.setSSLParameters(parameters);
    }
  }
}
