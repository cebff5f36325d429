package org.openstack.kuryr.neutron.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates and private keys from PEM files, without a security provider beyond the JDK's:
 * certificates, PKCS#8 keys ({@code BEGIN PRIVATE KEY}: RSA, EC, EdDSA) and PKCS#1 RSA keys ({@code
 * BEGIN RSA PRIVATE KEY}). Encrypted keys and SEC1 EC keys are refused with a message saying how to
 * convert them. Stateless.
 */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----", Pattern.DOTALL);

  // DER of the AlgorithmIdentifier for rsaEncryption (OID 1.2.840.113549.1.1.1, NULL params).
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private PemFiles() {}

  private record Block(String label, byte[] der) {}

  /** The certificates of the file, in order. */
  static List<X509Certificate> certificates(Path file) throws IOException {
    var factory = certificateFactory();
    var certificates = new ArrayList<X509Certificate>();
    for (Block block : blocks(file)) {
      if (block.label().equals("CERTIFICATE")) {
        certificates.add(certificate(factory, block, file));
      }
    }
    if (certificates.isEmpty()) {
      throw new IOException(file + " holds no PEM certificate");
    }
    return certificates;
  }

  /** The (first) private key of the file. */
  static PrivateKey privateKey(Path file) throws IOException {
    for (Block block : blocks(file)) {
      switch (block.label()) {
        case "PRIVATE KEY" -> {
          return pkcs8(block.der(), file);
        }
        case "RSA PRIVATE KEY" -> {
          return pkcs8(pkcs1ToPkcs8(block.der()), file);
        }
        case "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new IOException(
                file
                    + " holds a key of type '"
                    + block.label()
                    + "', which is not supported: convert it with 'openssl pkcs8 -topk8 -nocrypt'");
        default -> {
          // Certificates and parameters may share the file with the key.
        }
      }
    }
    throw new IOException(file + " holds no PEM private key");
  }

  private static List<Block> blocks(Path file) throws IOException {
    Matcher matcher = BLOCK.matcher(Files.readString(file));
    var blocks = new ArrayList<Block>();
    while (matcher.find()) {
      String base64 = matcher.group(2).replaceAll("\\s", "");
      try {
        blocks.add(new Block(matcher.group(1), Base64.getDecoder().decode(base64)));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": malformed PEM block " + matcher.group(1), e);
      }
    }
    return blocks;
  }

  private static X509Certificate certificate(CertificateFactory factory, Block block, Path file)
      throws IOException {
    try {
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der()));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": malformed certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
    var spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException ignored) {
        // Not this algorithm: PKCS#8 says which, but the JDK makes us try.
      }
    }
    throw new IOException(file + ": the private key is not RSA, EC or EdDSA, or is malformed");
  }

  /** Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption). */
  static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    var body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.writeBytes(derHeader(0x04, pkcs1.length));
    body.writeBytes(pkcs1);
    var out = new ByteArrayOutputStream();
    out.writeBytes(derHeader(0x30, body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] derHeader(int tag, int length) {
    if (length < 0x80) {
      return new byte[] {(byte) tag, (byte) length};
    }
    int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
    byte[] header = new byte[2 + bytes];
    header[0] = (byte) tag;
    header[1] = (byte) (0x80 | bytes);
    for (int i = 0; i < bytes; i++) {
      header[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
    }
    return header;
  }

  private static CertificateFactory certificateFactory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }
}
