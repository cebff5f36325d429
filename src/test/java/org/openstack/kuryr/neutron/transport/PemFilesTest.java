package org.openstack.kuryr.neutron.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.junit.jupiter.api.Test;

class PemFilesTest {
  @Test
  void pkcs1KeyWrappedAsPkcs8IsTheSameKey() throws Exception {
    var generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    var key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    byte[] pkcs8 = key.getEncoded();
    // A PKCS#8 RSA key ends with its PKCS#1 form inside an OCTET STRING; cut it out.
    byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length);

    byte[] wrapped = PemFiles.pkcs1ToPkcs8(pkcs1);
    var read =
        (RSAPrivateCrtKey)
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapped));

    assertThat(wrapped).isEqualTo(pkcs8);
    assertThat(read.getModulus()).isEqualTo(key.getModulus());
    assertThat(read.getPrivateExponent()).isEqualTo(key.getPrivateExponent());
  }
}
