package org.openstack.kuryr.neutron.transport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.logging.Logger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the {@link SSLContext} for Keystone and Neutron from {@link TlsSettings}. Stateless. */
public final class TlsContexts {
  private static final Logger LOG = Logger.getLogger(TlsContexts.class.getName());
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * The TLS context for the settings.
   *
   * @throws IllegalArgumentException when a PEM file cannot be read or used; the message names the
   *     file
   */
  public static SSLContext create(TlsSettings settings) {
    try {
      var context = SSLContext.getInstance("TLS");
      context.init(keyManagers(settings), trustManagers(settings), null);
      return context;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e, e);
    }
  }

  private static KeyManager[] keyManagers(TlsSettings settings)
      throws IOException, GeneralSecurityException {
    if (settings.certFile() == null) {
      return null;
    }
    List<X509Certificate> chain = PemFiles.certificates(settings.certFile());
    PrivateKey key = PemFiles.privateKey(settings.keyFile());
    KeyStore store = emptyStore();
    store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
    var factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, NO_PASSWORD);
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustManagers(TlsSettings settings)
      throws IOException, GeneralSecurityException {
    if (settings.insecure()) {
      LOG.warning(
          "TLS certificates of Keystone and Neutron are NOT verified (insecure = true):"
              + " anyone on the path can read and change the traffic, tokens included");
      return new TrustManager[] {new TrustingAnything()};
    }
    if (settings.caFile() == null) {
      return null;
    }
    return caTrust(settings.caFile());
  }

  private static TrustManager[] caTrust(Path caFile) throws IOException, GeneralSecurityException {
    KeyStore store = emptyStore();
    List<X509Certificate> cas = PemFiles.certificates(caFile);
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry("ca-" + i, cas.get(i));
    }
    var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  // An X509ExtendedTrustManager does its own host name check, so accepting everything here also
  // turns off the JDK HTTP client's host name verification, which is what insecure means.
  private static final class TrustingAnything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
