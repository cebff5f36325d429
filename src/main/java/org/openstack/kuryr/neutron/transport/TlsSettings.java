package org.openstack.kuryr.neutron.transport;

import java.nio.file.Path;

/**
 * TLS for Keystone and Neutron. Immutable and thread-safe.
 *
 * @param caFile PEM bundle of the CAs to trust, or {@code null} for the JDK's default trust store
 * @param certFile PEM client certificate (chain) to present, or {@code null} for none
 * @param keyFile PEM private key of the client certificate (PKCS#8, or PKCS#1 RSA), or {@code
 *     null}; needed with {@code certFile}
 * @param insecure whether to skip verifying the server's certificate and host name; for tests only,
 *     logged as a warning
 */
public record TlsSettings(Path caFile, Path certFile, Path keyFile, boolean insecure) {
  /** The JDK's defaults: verify against its trust store, present no certificate. */
  public static final TlsSettings DEFAULT = new TlsSettings(null, null, null, false);

  /** Checks that a certificate comes with its key. */
  public TlsSettings {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("certfile and keyfile must be given together");
    }
  }
}
